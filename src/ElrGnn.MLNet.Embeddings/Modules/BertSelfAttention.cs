using ElrGnn.MLNet.Internal;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Modules;

/// <summary>
/// Multi-head scaled dot-product self-attention:
/// <code>head_h = softmax( Q_h K_hᵀ / √d_h + m ) V_h,   Q = W_q x + b_q (likewise K, V),   d_h = 384 / 12 = 32</code>
/// where m is 0 for real tokens and −10,000 for padding (the value of the exported graph).
/// </summary>
/// <remarks>Shapes: x (B, T, 384), additive mask (B, 1, 1, T) → concatenated heads (B, T, 384).
/// Weight names: <c>query</c>, <c>key</c>, <c>value</c>.</remarks>
internal sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private const int HeadSize = MiniLmConfig.Hidden / MiniLmConfig.Heads;

    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Dropout dropout;

    public BertSelfAttention(string name, double dropoutRate) : base(name)
    {
        query = nn.Linear(MiniLmConfig.Hidden, MiniLmConfig.Hidden);
        key = nn.Linear(MiniLmConfig.Hidden, MiniLmConfig.Hidden);
        value = nn.Linear(MiniLmConfig.Hidden, MiniLmConfig.Hidden);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var q = SplitHeads(query.call(x));
        var k = SplitHeads(key.call(x));
        var v = SplitHeads(value.call(x));
        var scores = HeldScalar.With(Math.Sqrt(HeadSize), root => matmul(q, k.transpose(-1, -2)).div(root)) + additiveMask;
        var weights = dropout.call(nn.functional.softmax(scores, -1));
        var context = matmul(weights, v).permute(0, 2, 1, 3).contiguous();
        return context.view(x.shape[0], x.shape[1], MiniLmConfig.Hidden).MoveToOuterDisposeScope();
    }

    // (B, T, 384) → (B, heads, T, d_h)
    private static Tensor SplitHeads(Tensor x)
        => x.view(x.shape[0], x.shape[1], MiniLmConfig.Heads, HeadSize).permute(0, 2, 1, 3);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            query.Dispose();
            key.Dispose();
            value.Dispose();
            dropout.Dispose();
        }
        base.Dispose(disposing);
    }
}
