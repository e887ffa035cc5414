using System.Globalization;
using ElrGnn.MLNet.Features;
using Spectre.Console;

namespace ElrGnn.Cli.Running;

/// <summary>
/// Shows MiniLM fine-tuning progress: a bar (percent of all steps, tokens/s and ETA in its description) on an interactive
/// terminal, plain lines (each epoch end, and at most one per 10 s) otherwise.
/// </summary>
internal sealed class TuningProgressDisplay(IAnsiConsole console) : IProgress<EncoderTuningProgress>
{
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private ProgressTask? _bar;
    private DateTime _lastLine = DateTime.MinValue;

    /// <summary>Attaches or detaches the bar (see <see cref="ConsoleProgress"/>).</summary>
    public void Attach(ProgressTask? bar)
    {
        lock (_gate)
            _bar = bar;
    }

    /// <inheritdoc />
    public void Report(EncoderTuningProgress p)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"MiniLM tuning ({p.Stage}) epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.Steps}: loss {p.TrainLoss:F4}, {p.TokensPerSecond:N0} tokens/s, " +
            $"ETA {p.Remaining:hh\\:mm\\:ss}{(p.ValidationWeightedF1 is { } f ? $", valid W-F1 {f:P2}" : "")}");
        lock (_gate)
        {
            if (_bar is { } bar)
            {
                bar.Value = 100.0 * ((p.Epoch - 1) * p.Steps + p.Step) / (p.Epochs * p.Steps);
                bar.Description = Markup.Escape(text);
                if (!p.IsEpochEnd)
                    return;
            }
            else if (!p.IsEpochEnd && DateTime.UtcNow - _lastLine < LineInterval)
            {
                return;
            }
            _lastLine = DateTime.UtcNow;
            console.MarkupLine(Markup.Escape(text));
        }
    }
}
