using System.Globalization;
using ElrGnn.Cli.Running;
using ElrGnn.MLNet.Training;
using Spectre.Console;

namespace ElrGnn.Cli.Bench;

/// <summary>Shows bench progress: one line per finished seed and, on an interactive terminal, a bar over all
/// (run, seed) pairs whose description follows the current epoch.</summary>
internal sealed class BenchMonitor(IAnsiConsole console, int totalSeeds) : IProgress<TrainingProgress>
{
    private readonly Lock _lock = new();
    private ProgressTask? _bar;
    private string _current = "";

    /// <summary>Runs <paramref name="work"/> on a worker thread while showing its progress.</summary>
    public async Task<T> RunAsync<T>(Func<T> work)
    {
        console.MarkupLine("[grey]run                        seed    W-F1     acc   macro-F1   s/epoch   epochs   valid W-F1[/]");
        return await ConsoleProgress.RunAsync(console, "bench", totalSeeds, bar =>
        {
            lock (_lock)
                _bar = bar;
        }, work);
    }

    /// <summary>A (run, seed) starts.</summary>
    public void Start(string run, int seed)
    {
        lock (_lock)
        {
            _current = string.Create(CultureInfo.InvariantCulture, $"{run} seed {seed}");
            if (_bar is { } bar)
                bar.Description = _current;
        }
    }

    /// <summary>A (run, seed) finished.</summary>
    public void Finished(string run, SeedResult result)
    {
        double? epoch = Output.MetricsJson.Median(result.EpochSeconds);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{run,-26} {result.Seed,4}  {result.WeightedF1 * 100,6:F2}  {result.Accuracy * 100,6:F2}   {result.MacroF1 * 100,6:F2}   {(epoch is { } e ? e.ToString("F3", CultureInfo.InvariantCulture) : "-"),7}   {(result.EpochsRun?.ToString(CultureInfo.InvariantCulture) ?? "-"),6}   {(result.ValidationWeightedF1 is { } v ? (v * 100).ToString("F2", CultureInfo.InvariantCulture) : "-"),10}");
        lock (_lock)
        {
            console.MarkupLine(Markup.Escape(line));
            _bar?.Increment(1);
        }
    }

    /// <summary>Epoch reports of the network runs.</summary>
    public void Report(TrainingProgress value)
    {
        lock (_lock)
        {
            if (_bar is { } bar)
                bar.Description = string.Create(CultureInfo.InvariantCulture, $"{_current}: epoch {value.Epoch}/{value.MaxEpochs}");
        }
    }
}
