using System.CommandLine;
using System.Globalization;
using ElrGnn.Cli.Bench;
using ElrGnn.Cli.Bench.Serving;
using ElrGnn.Cli.Data;
using ElrGnn.Cli.Running;
using Microsoft.ML;
using Spectre.Console;

namespace ElrGnn.Cli.Commands;

/// <summary>
/// <c>elrgnn bench-serve</c>: measures scoring speed, not accuracy. Batched throughput on the test split (through
/// <c>Transform</c> and through the raw predictor path, 1 and 2 threads, median of --passes), streaming latency of
/// <c>ConversationStream.Add</c> at turns 10, 100 and 1,000, the machine and the targets; writes bench-serve.json
/// into --out. Without --model it first trains a quick model (few epochs) on the data.
/// </summary>
internal static class BenchServeCommand
{
    private const int QuickEpochs = 3;
    private const int StreamSamples = 5;

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var data = CommonOptions.Data();
        var dataset = CommonOptions.Dataset();
        var model = new Option<string?>("--model")
        {
            Description = "Model zip written by 'elrgnn train'. Default: train a quick model on the data first.",
            HelpName = "zip",
        };
        var passes = new Option<int>("--passes") { Description = "Timed passes per throughput measurement (the median is reported).", DefaultValueFactory = _ => 5 };
        passes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
                r.AddError("--passes must be at least 1.");
        });
        var streamTurns = new Option<int>("--stream-turns")
        {
            Description = "Longest streamed turn to time (10, 100 and 1000 up to this).",
            DefaultValueFactory = _ => 1_000,
            Hidden = true,
        };
        streamTurns.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 10)
                r.AddError("--stream-turns must be at least 10.");
        });
        var epochs = CommonOptions.Epochs();
        epochs.Description = $"Epochs of the quick model trained without --model. Default: {QuickEpochs}.";
        var output = CommonOptions.Out("Output folder for bench-serve.json (required).");
        output.Required = true;
        var synthetic = CommonOptions.SyntheticConversations();
        var command = new Command("bench-serve", "Measure scoring speed: batched throughput (1 and 2 threads), streaming latency, machine and targets.")
        {
            data, dataset, model, passes, streamTurns, epochs, output, synthetic,
        };
        command.SetAction((result, _) => RunAsync(console, new Arguments(result.GetValue(data), result.GetValue(dataset), result.GetValue(model),
            result.GetValue(passes), result.GetValue(streamTurns), result.GetValue(epochs), result.GetValue(output)!, result.GetValue(synthetic))));
        return command;
    }

    private sealed record Arguments(string? Data, string? Dataset, string? Model, int Passes, int StreamTurns, int? Epochs, string Out,
        int? SyntheticConversations);

    private static Task<int> RunAsync(IAnsiConsole console, Arguments a)
    {
        var ml = new MLContext(seed: 1);
        var data = DataLoading.Load(ml, a.Data, a.SyntheticConversations);
        console.MarkupLine($"Data: {Markup.Escape(data.Description)}");
        if (data.Rows.Test == 0)
            throw new CliUsageException("bench-serve scores the 'test' split, and the data has no test rows.");
        Directory.CreateDirectory(a.Out);
        using var ctrlC = new CtrlCCancellation(Console.Error);

        var (model, description) = a.Model is null ? QuickModel(console, ml, data, a, ctrlC.Token) : Loaded(ml, data, a.Model);
        if (data.TextFromUtterances)
        {
            console.MarkupLine("Embedding the test utterances with MiniLM (cached on disk), before any timing...");
            EmbeddingWarmup.Warm(data.Test);
        }
        var setup = ServingSetup.Create(ml, model, data.Test);
        double peak = GemmPeak.MeasureGflops();
        console.MarkupLine(Invariant($"Timing batched scoring: {a.Passes} passes x (Transform, predictor) x (1, 2 threads)..."));
        var batched = BatchedThroughput.Measure(setup, a.Passes, ctrlC.Token);
        console.MarkupLine("Timing streaming (ConversationStream.Add)...");
        var streaming = StreamingLatency.Measure(ml, setup, a.StreamTurns, StreamSamples, ctrlC.Token);
        var result = new ServingResult
        {
            Data = a.Data ?? "synthetic", Model = description, GemmPeakGflops = peak, Batched = batched, Streaming = streaming,
        };
        string path = Path.Combine(a.Out, "bench-serve.json");
        ServingJson.Write(path, result);

        console.MarkupLine(Invariant($"Batched ({batched.Conversations:N0} conversations, {batched.Utterances:N0} utterances): Transform ") +
            Invariant($"{batched.Transform.OneThread.UtterancesPerSecondMedian:N0} / {batched.Transform.TwoThreads.UtterancesPerSecondMedian:N0} utt/s (1 / 2 threads, x{batched.Transform.ThreadScaling:F2}); ") +
            Invariant($"predictor {batched.Predictor.OneThread.UtterancesPerSecondMedian:N0} / {batched.Predictor.TwoThreads.UtterancesPerSecondMedian:N0} utt/s."));
        console.MarkupLine("Streaming Add: " + string.Join(", ", streaming.Latencies.Select(l => Invariant($"turn {l.Turn} {l.MillisecondsMedian:F2} ms"))));
        console.MarkupLine($"Wrote {Markup.Escape(Path.GetFullPath(path))}");
        return Task.FromResult(ExitCodes.Success);
    }

    private static (ITransformer Model, string Description) QuickModel(IAnsiConsole console, MLContext ml, LoadedData data, Arguments a,
        CancellationToken cancellation)
    {
        if (data.Train is null)
            throw new CliUsageException("Without --model, bench-serve trains a quick model and needs 'train' rows; or give --model.");
        var preset = DatasetPreset.Resolve(a.Dataset, a.Data);
        var settings = new TrainSettings(preset, ModalitySelection.Choose(null, data), a.Epochs ?? QuickEpochs, Seed: 1, Device: "cpu",
            TextEmbeddings: data.TextFromUtterances);
        int epochs = TrainingSession.TrainerOptions(settings).MaxEpochs;
        console.MarkupLine(Invariant($"No --model: training a quick {preset} model ({epochs} epochs; speed, not accuracy, is measured)..."));
        var fit = TrainingSession.Fit(ml, TrainingSession.Prepare(ml, data), settings, progress: null, cancellation);
        return (fit.Model, Invariant($"quick {preset} model trained here ({fit.Network.Training?.EpochsRun ?? epochs} epochs)"));
    }

    private static (ITransformer Model, string Description) Loaded(MLContext ml, LoadedData data, string path)
    {
        var loaded = LoadedModel.Load(ml, path);
        loaded.CheckInput(data.Test.Schema);
        return (loaded.Model, path);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
