using ElrGnn.MLNet.Internal;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Modules;

/// <summary>
/// Speaker-relation graph block (spec §2.2): window attention, then two message-passing convolutions, a relational one
/// and a plain one (DialogueGCN's pair; <see cref="Convolutions"/> = 2). <c>SpeakerGraphLayers</c> = L stacks L blocks,
/// i.e. 2L convolutions:
/// <code>
/// α_ij = softmax_{j ∈ W(i)}( h_iᵀ W_e h_j )
/// g_i  = ReLU( Σ_r Σ_{j ∈ N_r(i)} (α_ij / |N_r(i)|) W_r h_j  +  W_0 h_i )
/// s_i  = ReLU( Σ_{j ∈ N(i)} W_1 g_j  +  W_2 g_i )                          s_i ∈ R^d
/// </code>
/// where W(i) = N(i) is the window i − p ≤ j ≤ i + f (self included), r ∈ {self, intra-past, intra-future,
/// inter-past, inter-future} and |N_r(i)| counts i's neighbours of relation r.
/// </summary>
/// <remarks>
/// <para>Neighbours come as padded tensors (Nodes, W): every target's window in one row, so the layer costs
/// O(Nodes·W·d) plus one (Nodes, d) × (d, 5d) matmul that gives h·W_r for all r at once.</para>
/// <para>Shapes: h (Nodes, d); neighbour (Nodes, W) int64 batch-global node ids (padding: any valid id);
/// relation (Nodes, W) int64 in 0..4; norm (Nodes, W) float = 1/|N_r(i)| at real entries and 0 at padding →
/// s (Nodes, d).</para>
/// <para>Weight names: <c>attention.weight</c> (W_e), <c>relational.weight</c> (W_r stacked, 5d × d), <c>root.*</c> (W_0, b),
/// <c>neighbour.weight</c> (W_1), <c>selfLoop.*</c> (W_2, b).</para>
/// </remarks>
public sealed class SpeakerRelationalGraphLayer : nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor>
{
    /// <summary>Number of relation types R (5).</summary>
    public const int RelationCount = 5;

    /// <summary>Message-passing convolutions in one block: the relational convolution g and the plain convolution s (2).</summary>
    public const int Convolutions = 2;

    private readonly Linear attention;
    private readonly Linear relational;
    private readonly Linear root;
    private readonly Linear neighbour;
    private readonly Linear selfLoop;

    private readonly long _size;

    /// <summary>Creates the layer.</summary>
    /// <param name="name">Module name.</param>
    /// <param name="modelSize">d, input and output width (≥ 1).</param>
    public SpeakerRelationalGraphLayer(string name, long modelSize) : base(name)
    {
        _size = modelSize;
        attention = nn.Linear(modelSize, modelSize, hasBias: false);
        relational = nn.Linear(modelSize, RelationCount * modelSize, hasBias: false);
        root = nn.Linear(modelSize, modelSize);
        neighbour = nn.Linear(modelSize, modelSize, hasBias: false);
        selfLoop = nn.Linear(modelSize, modelSize);
        RegisterComponents();
    }

    /// <summary>Runs the two graph steps.</summary>
    /// <param name="h">Node features (Nodes, d).</param>
    /// <param name="neighbours">Window neighbour ids (Nodes, W), int64.</param>
    /// <param name="relations">Relation type of each entry (Nodes, W), int64 in 0..4.</param>
    /// <param name="norm">1/|N_r(i)| at real entries, 0 at padding (Nodes, W), float.</param>
    /// <returns>s, shape (Nodes, d).</returns>
    public override Tensor forward(Tensor h, Tensor neighbours, Tensor relations, Tensor norm)
    {
        using var scope = NewDisposeScope();
        long nodes = h.shape[0], window = neighbours.shape[1];
        var flat = neighbours.reshape(-1);
        var real = HeldScalar.With(0.0, zero => norm.gt(zero));

        // Everything that reads h_i is one GEMM: [W_e; W_r (5 relations); W_0] h_i (same function as three Linears,
        // fewer and larger products, forward and backward).
        var first = nn.functional.linear(h, torch.cat([attention.weight!, relational.weight!, root.weight!]));
        var parts = first.split([_size, RelationCount * _size, _size], 1);
        var (keyed, table, self) = (parts[0], parts[1].reshape(nodes * RelationCount, _size), parts[2] + root.bias!);

        // α over the window: (h_i W_e) · h_j, padding excluded.
        var hj = h.index_select(0, flat).view(nodes, window, _size);
        var score = torch.bmm(hj, keyed.unsqueeze(-1)).squeeze(-1);
        var alpha = torch.softmax(HeldScalar.With(-1e30f, large => score.masked_fill(real.logical_not(), large)), -1);

        // Relational step: message W_r h_j picked from the (Nodes·R, d) table.
        var messages = table.index_select(0, HeldScalar.With((long)RelationCount, r => flat.mul(r)) + relations.reshape(-1)).view(nodes, window, _size);
        var coefficient = (alpha * norm).unsqueeze(1);                       // (Nodes, 1, W)
        var g = nn.functional.relu(torch.bmm(coefficient, messages).squeeze(1) + self);

        // Plain step: W_1 Σ_j g_j + W_2 g_i as one GEMM on [Σ_j g_j || g_i] (W_1 is linear, so aggregate first).
        var gj = g.index_select(0, flat).view(nodes, window, _size);
        var sum = torch.bmm(real.to_type(g.dtype).unsqueeze(1), gj).squeeze(1);
        var second = nn.functional.linear(torch.cat([sum, g], 1), torch.cat([neighbour.weight!, selfLoop.weight!], 1), selfLoop.bias!);
        return nn.functional.relu(second).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            attention.Dispose();
            relational.Dispose();
            root.Dispose();
            neighbour.Dispose();
            selfLoop.Dispose();
        }
        base.Dispose(disposing);
    }
}
