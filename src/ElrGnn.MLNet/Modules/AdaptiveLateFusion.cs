using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Modules;

/// <summary>
/// AIM adaptive late fusion (spec §2.5): node-wise learned weights over the streams {f, x̃^H, x̃^S, x̃^Z}:
/// <code>
/// score^b_i = uᵀ tanh( W_a y^b_i + b_a )
/// λ^b_i     = softmax_b( score^b_i )
/// r_i       = Σ_b λ^b_i · y^b_i                                       r_i ∈ R^d
/// </code>
/// </summary>
/// <remarks>
/// <para>For <see cref="LateFusionKind.Logit"/> the network uses <see cref="Weights"/> to mix per-stream
/// log-probabilities instead of representations.</para>
/// <para>Shapes: streams (Nodes, S, d) → r (Nodes, d); λ (Nodes, S). Weight names: <c>score.*</c> (W_a, b_a),
/// <c>context.weight</c> (u).</para>
/// </remarks>
public sealed class AdaptiveLateFusion : nn.Module<Tensor, Tensor>
{
    private readonly Linear score;
    private readonly Linear context;

    /// <summary>Creates the fusion layer.</summary>
    /// <param name="name">Module name.</param>
    /// <param name="modelSize">d (≥ 1).</param>
    public AdaptiveLateFusion(string name, long modelSize) : base(name)
    {
        score = nn.Linear(modelSize, modelSize);
        context = nn.Linear(modelSize, 1, hasBias: false);
        RegisterComponents();
    }

    /// <summary>The node-wise stream weights λ.</summary>
    /// <param name="streams">Stacked streams (Nodes, S, d).</param>
    /// <returns>λ, shape (Nodes, S); each row sums to 1.</returns>
    public Tensor Weights(Tensor streams)
    {
        using var scope = NewDisposeScope();
        var s = context.call(torch.tanh(score.call(streams))).squeeze(-1);
        return torch.softmax(s, -1).MoveToOuterDisposeScope();
    }

    /// <summary>Mixes the streams.</summary>
    /// <param name="streams">Stacked streams (Nodes, S, d).</param>
    /// <returns>r, shape (Nodes, d).</returns>
    public override Tensor forward(Tensor streams)
    {
        using var scope = NewDisposeScope();
        var lambda = Weights(streams);
        return torch.bmm(lambda.unsqueeze(1), streams).squeeze(1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            score.Dispose();
            context.Dispose();
        }
        base.Dispose(disposing);
    }
}
