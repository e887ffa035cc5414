using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Modules;

/// <summary>
/// AIM early fusion (spec §2.5), feature-level over all active branches at once:
/// <code>f_i = drop( ReLU( W_e [ x̃^H_i || x̃^S_i || x̃^Z_i ] + b_e ) )      f_i ∈ R^d</code>
/// </summary>
/// <remarks>Shapes: B branches × (Nodes, d) → (Nodes, d). Weight names: <c>fuse.*</c> (W_e, b_e).</remarks>
public sealed class EarlyFusion : nn.Module<IReadOnlyList<Tensor>, Tensor>
{
    private readonly Linear fuse;
    private readonly Dropout drop;
    private readonly int _branches;

    /// <summary>Creates the fusion layer.</summary>
    /// <param name="name">Module name.</param>
    /// <param name="branches">Number of fused branches (≥ 1).</param>
    /// <param name="modelSize">d (≥ 1).</param>
    /// <param name="dropout">Dropout probability in [0, 1).</param>
    public EarlyFusion(string name, int branches, long modelSize, double dropout) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(branches, 1);
        _branches = branches;
        fuse = nn.Linear(branches * modelSize, modelSize);
        drop = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>Fuses the branches.</summary>
    /// <param name="branches">Denoised branches in order H, S, Z (active ones only), each (Nodes, d).</param>
    /// <returns>f, shape (Nodes, d).</returns>
    public override Tensor forward(IReadOnlyList<Tensor> branches)
    {
        if (branches.Count != _branches)
            throw new ArgumentException($"Expected {_branches} branches, got {branches.Count}.", nameof(branches));
        using var scope = NewDisposeScope();
        var joined = branches.Count == 1 ? branches[0] : torch.cat(branches.ToArray(), -1);
        return drop.call(nn.functional.relu(fuse.call(joined))).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            fuse.Dispose();
            drop.Dispose();
        }
        base.Dispose(disposing);
    }
}
