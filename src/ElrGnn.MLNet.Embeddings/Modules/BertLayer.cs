using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Modules;

/// <summary>One post-LN Transformer layer: <c>a = Attention(x);  y = LayerNorm( drop( W_2 GELU( W_1 a + b_1 ) + b_2 ) + a )</c>.</summary>
/// <remarks>Shapes: x (B, T, 384), additive mask (B, 1, 1, T) → (B, T, 384).
/// Weight names: <c>attention</c>, <c>intermediate</c>, <c>output</c>.</remarks>
internal sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertResidualOutput output;

    public BertLayer(string name, double dropoutRate) : base(name)
    {
        attention = new BertAttention("attention", dropoutRate);
        intermediate = new BertIntermediate("intermediate");
        output = new BertResidualOutput("output", MiniLmConfig.Intermediate, dropoutRate);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var a = attention.call(x, additiveMask);
        return output.call(intermediate.call(a), a).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            attention.Dispose();
            intermediate.Dispose();
            output.Dispose();
        }
        base.Dispose(disposing);
    }
}
