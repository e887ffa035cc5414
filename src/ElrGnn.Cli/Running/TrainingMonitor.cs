using System.Globalization;
using ElrGnn.MLNet.Training;
using Spectre.Console;

namespace ElrGnn.Cli.Running;

/// <summary>
/// Shows training progress: one line per epoch (loss, validation weighted F1 and accuracy, seconds, best mark) and,
/// on an interactive terminal, a progress bar with the time left below them.
/// </summary>
internal sealed class TrainingMonitor(IAnsiConsole console, int maxEpochs) : IProgress<TrainingProgress>
{
    private readonly Lock _lock = new();
    private ProgressTask? _bar;

    /// <summary>Runs <paramref name="train"/> on a worker thread while showing its progress.</summary>
    public async Task<T> RunAsync<T>(Func<T> train)
    {
        console.MarkupLine("[grey]epoch      loss   valid W-F1   valid acc   seconds[/]");
        return await ConsoleProgress.RunAsync(console, "training", maxEpochs, bar =>
        {
            lock (_lock)
                _bar = bar;
        }, train);
    }

    /// <summary>Called by the trainer after each epoch.</summary>
    public void Report(TrainingProgress value)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{value.Epoch,5}/{value.MaxEpochs,-3} {value.TrainLoss,7:F4}   {Percent(value.ValidationWeightedF1),10}   {Percent(value.ValidationAccuracy),9}   {value.Seconds,7:F2}");
        lock (_lock)
        {
            console.MarkupLine(value.IsBest ? $"{line}  [green]best[/]" : line);
            if (_bar is { } bar)
            {
                bar.MaxValue = value.MaxEpochs;
                bar.Value = value.Epoch;
                bar.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {value.Epoch}/{value.MaxEpochs}");
            }
        }
    }

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("F2", CultureInfo.InvariantCulture) + "%" : "-";
}
