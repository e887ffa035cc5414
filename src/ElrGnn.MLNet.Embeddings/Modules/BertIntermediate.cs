using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Modules;

/// <summary>FFN expansion with the exact (erf) GELU: <c>f = GELU( W x + b ),  GELU(z) = z · ½ (1 + erf(z / √2))</c>.</summary>
/// <remarks>Shapes: (B, T, 384) → (B, T, 1536). Weight names: <c>dense</c>.</remarks>
internal sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;

    public BertIntermediate(string name) : base(name)
    {
        dense = nn.Linear(MiniLmConfig.Hidden, MiniLmConfig.Intermediate);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        // TorchSharp's gelu without an approximation argument is the erf form the ONNX graph computes.
        return nn.functional.gelu(dense.call(x)).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            dense.Dispose();
        base.Dispose(disposing);
    }
}
