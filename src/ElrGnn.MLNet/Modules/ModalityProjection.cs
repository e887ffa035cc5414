using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Modules;

/// <summary>
/// Modality projection (spec §2.1):
/// <code>e^m_i = drop( ReLU( W^m_p x^m_i + b^m_p ) )</code>
/// where x^m_i ∈ R^{D_m} is the pre-extracted feature of utterance i in modality m and e^m_i ∈ R^{dh}.
/// </summary>
/// <remarks>Shapes: input (*, D_m) → output (*, dh). Weight names: <c>proj.weight</c>, <c>proj.bias</c>.</remarks>
public sealed class ModalityProjection : nn.Module<Tensor, Tensor>
{
    private readonly Linear proj;
    private readonly Dropout drop;

    /// <summary>Creates the projection.</summary>
    /// <param name="name">Module name.</param>
    /// <param name="inputSize">D_m, the modality's feature width (≥ 1).</param>
    /// <param name="hiddenSize">dh, the projected width (≥ 1).</param>
    /// <param name="dropout">Dropout probability in [0, 1).</param>
    public ModalityProjection(string name, long inputSize, long hiddenSize, double dropout) : base(name)
    {
        proj = nn.Linear(inputSize, hiddenSize);
        drop = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>Projects one modality's features.</summary>
    /// <param name="x">Features, shape (*, D_m).</param>
    /// <returns>e, shape (*, dh).</returns>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return drop.call(nn.functional.relu(proj.call(x))).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            proj.Dispose();
            drop.Dispose();
        }
        base.Dispose(disposing);
    }
}
