using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Modules;

/// <summary>
/// AIM denoising gate (spec §2.5, a gated linear unit; one per branch b ∈ {H, S, Z}):
/// <code>x̃^b_i = σ( W^b_g x^b_i + b^b_g ) ⊙ tanh( W^b_f x^b_i + b^b_f )      x̃^b_i ∈ R^d</code>
/// </summary>
/// <remarks>Shapes: (Nodes, d) → (Nodes, d). Weight names: <c>gate.*</c> (W_g, b_g), <c>filter.*</c> (W_f, b_f).</remarks>
public sealed class DenoisingGate : nn.Module<Tensor, Tensor>
{
    private readonly Linear gate;
    private readonly Linear filter;

    /// <summary>Creates the gate.</summary>
    /// <param name="name">Module name.</param>
    /// <param name="modelSize">d (≥ 1).</param>
    public DenoisingGate(string name, long modelSize) : base(name)
    {
        gate = nn.Linear(modelSize, modelSize);
        filter = nn.Linear(modelSize, modelSize);
        RegisterComponents();
    }

    /// <summary>Gates one branch.</summary>
    /// <param name="x">Branch features (Nodes, d).</param>
    /// <returns>x̃, shape (Nodes, d).</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        // Gate and filter read the same x: one GEMM with the two weight matrices stacked.
        var both = nn.functional.linear(x, torch.cat([gate.weight!, filter.weight!]), torch.cat([gate.bias!, filter.bias!])).chunk(2, -1);
        return (torch.sigmoid(both[0]) * torch.tanh(both[1])).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gate.Dispose();
            filter.Dispose();
        }
        base.Dispose(disposing);
    }
}
