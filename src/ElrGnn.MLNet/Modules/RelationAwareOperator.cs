using ElrGnn.MLNet.Internal;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Modules;

/// <summary>
/// Emotional relation-aware operator (spec §2.4) over the precomputed top-k propagation Π:
/// <code>
/// q_i = W_q h_i,  k_j = W_k h_j,  v_j = W_v h_j
/// e_ij = (q_i · k_j) / sqrt(d_r)
/// β_ij = softmax_{j ∈ top-k(i)}( e_ij + log Π̃_ij )
/// z_i  = ReLU( W_z [ h_i || Σ_j β_ij v_j ] + b_z )                 z_i ∈ R^d
/// </code>
/// with DropNode in training: Π̃_ij = Π_ij · m_ij / (1 − δ_drop), m_ij ~ Bernoulli(1 − δ_drop); Π̃ = Π at evaluation.
/// A row whose Π̃ is all zero falls back to the self term (Σ_j β_ij v_j := v_i).
/// </summary>
/// <remarks>
/// <para><see cref="LatentOperatorKind.PlainPropagation"/> is GRAND+-exact and has no weights:
/// z_i = Σ_j Π̃_ij h_j / Σ_j Π̃_ij (all-zero rows: z_i = h_i).</para>
/// <para>With H heads, q, k, v split into H slices of d/H and each head has its own softmax (d_r = d/H).
/// DropNode masks come from torch's default generator, so a seeded run draws the same masks.</para>
/// <para>Shapes: h (Nodes, d); index (Nodes, K) int64 batch-global node ids (padding: any valid id);
/// weight (Nodes, K) float, Π_ij at real entries and 0 at padding → z (Nodes, d). Cost O(Nodes·K·d).</para>
/// <para>Weight names (relation-aware only): <c>query.weight</c>, <c>key.weight</c>, <c>value.weight</c>, <c>output.*</c> (W_z, b_z).</para>
/// </remarks>
public sealed class RelationAwareOperator : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly Linear? query;
    private readonly Linear? key;
    private readonly Linear? value;
    private readonly Linear? output;

    private readonly LatentOperatorKind _kind;
    private readonly long _size;
    private readonly int _heads;
    private readonly double _dropNode;

    /// <summary>Creates the operator.</summary>
    /// <param name="name">Module name.</param>
    /// <param name="modelSize">d (≥ 1, divisible by <paramref name="heads"/>).</param>
    /// <param name="heads">Attention heads H (≥ 1). Default in the options: 1.</param>
    /// <param name="dropNode">DropNode rate δ_drop on Π during training, in [0, 1).</param>
    /// <param name="kind">Relation-aware (default) or plain propagation.</param>
    public RelationAwareOperator(string name, long modelSize, int heads, double dropNode, LatentOperatorKind kind) : base(name)
    {
        if (heads < 1 || modelSize % heads != 0)
            throw new ArgumentOutOfRangeException(nameof(heads), heads, $"Heads must divide d ({modelSize}).");
        if (!(dropNode >= 0 && dropNode < 1))
            throw new ArgumentOutOfRangeException(nameof(dropNode), dropNode, "DropNode must be in [0, 1).");
        _kind = kind;
        _size = modelSize;
        _heads = heads;
        _dropNode = dropNode;
        if (kind == LatentOperatorKind.RelationAware)
        {
            query = nn.Linear(modelSize, modelSize, hasBias: false);
            key = nn.Linear(modelSize, modelSize, hasBias: false);
            value = nn.Linear(modelSize, modelSize, hasBias: false);
            output = nn.Linear(2 * modelSize, modelSize);
        }
        RegisterComponents();
    }

    /// <summary>Computes z for every node.</summary>
    /// <param name="h">Node features (Nodes, d).</param>
    /// <param name="index">Top-k neighbour ids (Nodes, K), int64.</param>
    /// <param name="weight">Π at real entries, 0 at padding (Nodes, K).</param>
    /// <returns>z, shape (Nodes, d).</returns>
    public override Tensor forward(Tensor h, Tensor index, Tensor weight)
    {
        using var scope = NewDisposeScope();
        long nodes = h.shape[0], k = index.shape[1];
        var pi = weight;
        if (training && _dropNode > 0)
        {
            var kept = HeldScalar.With(_dropNode, p => torch.rand_like(pi).ge(p)).to_type(pi.dtype);
            pi = HeldScalar.With(1 - _dropNode, keep => (pi * kept).div(keep));
        }
        var real = HeldScalar.With(0.0, zero => pi.gt(zero));
        var rowHasAny = real.any(-1, keepdim: true);                        // (Nodes, 1)
        var hj = h.index_select(0, index.reshape(-1)).view(nodes, k, _size);                   // (Nodes, K, d)

        if (_kind == LatentOperatorKind.PlainPropagation)
        {
            var share = pi / HeldScalar.With(1e-30, tiny => pi.sum(-1, keepdim: true).clamp_min(tiny));
            var averaged = torch.bmm(share.unsqueeze(1), hj).squeeze(1);
            return torch.where(rowHasAny, averaged, h).MoveToOuterDisposeScope();
        }

        // Keys and values are linear in h, so they are applied around the gather instead of to every neighbour copy:
        // q_i·(W_k h_j) = (W_kᵀ q_i)·h_j and Σ_j β_ij W_v h_j = W_v Σ_j β_ij h_j. One gather of h serves scores and
        // values (half the gather/scatter traffic of gathering k and v); the function is the same.
        long dr = _size / _heads;
        var q = query!.call(h).view(nodes, _heads, dr);
        var qk = torch.einsum("nhr,hrd->nhd", q, key!.weight!.view(_heads, dr, _size));         // (Nodes, H, d)
        var e = HeldScalar.With(Math.Sqrt(dr), root => torch.bmm(qk, hj.transpose(1, 2)).div(root)); // (Nodes, H, K)

        // log Π̃ as a prior; padding and dropped entries get a large finite negative so empty rows stay NaN-free.
        var prior = HeldScalar.With(1e-30, tiny => torch.log(pi.clamp_min(tiny)));
        prior = HeldScalar.With(-1e30f, large => prior.masked_fill(real.logical_not(), large)).unsqueeze(1);
        var beta = torch.softmax(e + prior, -1);
        var mixed = torch.bmm(beta, hj);                                                          // (Nodes, H, d)
        mixed = torch.where(rowHasAny.unsqueeze(-1), mixed, h.unsqueeze(1));                      // empty row: v_i
        var attended = torch.einsum("nhd,hrd->nhr", mixed, value!.weight!.view(_heads, dr, _size)).reshape(nodes, _size);
        return nn.functional.relu(output!.call(torch.cat([h, attended], -1))).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            query?.Dispose();
            key?.Dispose();
            value?.Dispose();
            output?.Dispose();
        }
        base.Dispose(disposing);
    }
}
