using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Modules;

/// <summary>
/// Projection, dropout and post-LayerNorm residual: <c>y = LayerNorm( drop( W h + b ) + x )</c>. BERT uses it twice
/// per layer: after attention (<c>attention.output</c>, 384 → 384) and after the FFN (<c>output</c>, 1536 → 384).
/// </summary>
/// <remarks>Shapes: h (B, T, in), x (B, T, 384) → (B, T, 384). Weight names: <c>dense</c>, <c>LayerNorm</c>.</remarks>
internal sealed class BertResidualOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly Dropout dropout;
    private readonly LayerNorm LayerNorm;

    public BertResidualOutput(string name, long inputSize, double dropoutRate) : base(name)
    {
        dense = nn.Linear(inputSize, MiniLmConfig.Hidden);
        dropout = nn.Dropout(dropoutRate);
        LayerNorm = nn.LayerNorm(MiniLmConfig.Hidden, MiniLmConfig.LayerNormEps);
        RegisterComponents();
    }

    public override Tensor forward(Tensor h, Tensor x)
    {
        using var scope = NewDisposeScope();
        return LayerNorm.call(dropout.call(dense.call(h)) + x).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            dense.Dispose();
            dropout.Dispose();
            LayerNorm.Dispose();
        }
        base.Dispose(disposing);
    }
}
