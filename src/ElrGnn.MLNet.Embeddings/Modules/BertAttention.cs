using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Modules;

/// <summary>Self-attention followed by its residual output: <c>a = LayerNorm( drop( W_o SelfAttn(x) + b_o ) + x )</c>.</summary>
/// <remarks>Shapes: x (B, T, 384), additive mask (B, 1, 1, T) → (B, T, 384). Weight names: <c>self</c>, <c>output</c>.</remarks>
internal sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertSelfAttention self;
    private readonly BertResidualOutput output;

    public BertAttention(string name, double dropoutRate) : base(name)
    {
        self = new BertSelfAttention("self", dropoutRate);
        output = new BertResidualOutput("output", MiniLmConfig.Hidden, dropoutRate);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        return output.call(self.call(x, additiveMask), x).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            self.Dispose();
            output.Dispose();
        }
        base.Dispose(disposing);
    }
}
