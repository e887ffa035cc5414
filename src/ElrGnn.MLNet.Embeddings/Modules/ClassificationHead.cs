using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Modules;

/// <summary>
/// The fine-tuning head on MiniLM's mean-pooled vector s: <c>o = W drop(s) + b</c>, o ∈ R^C. It exists to give the
/// encoder the labels' gradient and is dropped after tuning.
/// </summary>
/// <remarks>Shapes: s (B, 384) → logits (B, C). Weight names: <c>output.*</c>.</remarks>
internal sealed class ClassificationHead : nn.Module<Tensor, Tensor>
{
    private readonly Dropout drop;
    private readonly Linear output;

    public ClassificationHead(int classes, double dropout) : base("ClassificationHead")
    {
        drop = nn.Dropout(dropout);
        output = nn.Linear(MiniLmConfig.Hidden, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor pooled)
    {
        using var scope = NewDisposeScope();
        return output.call(drop.call(pooled)).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            drop.Dispose();
            output.Dispose();
        }
        base.Dispose(disposing);
    }
}
