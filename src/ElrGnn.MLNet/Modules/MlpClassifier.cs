using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Modules;

/// <summary>
/// MLP classifier (spec §2.6):
/// <code>o_i = W_2 drop( ReLU( W_1 r_i + b_1 ) ) + b_2      o_i ∈ R^C,   p_i = softmax(o_i)</code>
/// Hidden width = d.
/// </summary>
/// <remarks>Shapes: (Nodes, d) → logits (Nodes, C). Weight names: <c>hidden.*</c> (W_1, b_1), <c>output.*</c> (W_2, b_2).</remarks>
public sealed class MlpClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Linear hidden;
    private readonly Dropout drop;
    private readonly Linear output;

    /// <summary>Creates the classifier.</summary>
    /// <param name="name">Module name.</param>
    /// <param name="modelSize">d, input and hidden width (≥ 1).</param>
    /// <param name="classes">C, number of classes (≥ 2).</param>
    /// <param name="dropout">Dropout probability in [0, 1).</param>
    public MlpClassifier(string name, long modelSize, long classes, double dropout) : base(name)
    {
        hidden = nn.Linear(modelSize, modelSize);
        drop = nn.Dropout(dropout);
        output = nn.Linear(modelSize, classes);
        RegisterComponents();
    }

    /// <summary>Computes logits.</summary>
    /// <param name="r">Node representations (Nodes, d).</param>
    /// <returns>o, shape (Nodes, C).</returns>
    public override Tensor forward(Tensor r)
    {
        using var scope = NewDisposeScope();
        return output.call(drop.call(nn.functional.relu(hidden.call(r)))).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hidden.Dispose();
            drop.Dispose();
            output.Dispose();
        }
        base.Dispose(disposing);
    }
}
