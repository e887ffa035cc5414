using System.CommandLine;
using System.Globalization;
using ElrGnn.Cli.Data;
using ElrGnn.Cli.Output;
using ElrGnn.Cli.Running;
using ElrGnn.MLNet.Internal;
using Microsoft.ML;
using Spectre.Console;

namespace ElrGnn.Cli.Commands;

/// <summary>
/// <c>elrgnn train</c>: fits the pipeline on the train split (epoch chosen on the valid split), evaluates on the test
/// split, and writes model.zip, metrics.json, confusion.png and curves.png into --out.
/// </summary>
internal static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var data = CommonOptions.Data();
        var dataset = CommonOptions.Dataset();
        var modalities = CommonOptions.Modalities();
        var epochs = CommonOptions.Epochs();
        var seed = CommonOptions.Seed();
        var device = CommonOptions.Device();
        var output = CommonOptions.Out("Output folder. Default: ./runs/<dataset>-<timestamp>.");
        var synthetic = CommonOptions.SyntheticConversations();
        var patience = CommonOptions.Patience();
        var learningRate = CommonOptions.LearningRate();
        var trainerOptions = CommonOptions.TrainerOptions();
        var textEncoder = CommonOptions.TextEncoder();
        var encoderEpochs = CommonOptions.EncoderEpochs();
        var encoderOptions = CommonOptions.EncoderOptions();
        var checkpointDir = new Option<string?>("--checkpoint-dir")
        {
            Description = "Folder for a checkpoint written (atomically) after every epoch. When it holds one from a run with the same " +
                          "data, settings and seed, training resumes from it and ends with the same weights as an uninterrupted run.",
            HelpName = "dir",
        };
        var command = new Command("train", "Train an ELR-GNN model, evaluate it on the test split and save model, metrics and plots.")
        {
            data, dataset, modalities, epochs, seed, device, output, synthetic, patience, learningRate, trainerOptions, checkpointDir,
            textEncoder, encoderEpochs, encoderOptions,
        };
        command.SetAction((result, _) => RunAsync(console, new Arguments(
            result.GetValue(data), result.GetValue(dataset), result.GetValue(modalities), result.GetValue(epochs),
            result.GetValue(seed), result.GetValue(device)!, result.GetValue(output), result.GetValue(synthetic), result.GetValue(patience),
            result.GetValue(learningRate), result.GetValue(trainerOptions) ?? [], result.GetValue(checkpointDir),
            TextEncoderChoice.Parse(result.GetValue(textEncoder)), result.GetValue(encoderEpochs),
            result.GetValue(encoderOptions) ?? [])));
        return command;
    }

    private sealed record Arguments(string? Data, string? Dataset, string? Modalities, int? Epochs, int Seed, string Device,
        string? Out, int? SyntheticConversations, int? Patience, double? LearningRate, string[] TrainerOptions, string? CheckpointDir,
        bool? TunedText = null, int? EncoderEpochs = null, string[]? EncoderOptions = null);

    private static async Task<int> RunAsync(IAnsiConsole console, Arguments a)
    {
        CheckDevice(a.Device); // before the data is read: a pickle can take a while to load
        TextEncoderChoice.CheckOverrides(a.EncoderOptions);
        var ml = new MLContext(seed: a.Seed);
        var data = DataLoading.Load(ml, a.Data, a.SyntheticConversations);
        console.MarkupLine($"Data: {Markup.Escape(data.Description)}");
        if (data.Train is null)
            throw new CliUsageException("The data has no split column, so there is nothing to train on: train needs 'train' and 'test' rows (and 'valid' for epoch selection).");
        if (data.Rows.Test == 0)
            throw new CliUsageException("The data has no test rows: train evaluates on the 'test' split.");
        var preset = DatasetPreset.Resolve(a.Dataset, a.Data);
        bool tunedText = TextEncoderChoice.TunesText(a.TunedText, preset, data.TextFromUtterances);
        var settings = new TrainSettings(preset, ModalitySelection.Choose(a.Modalities, data), a.Epochs, a.Seed, a.Device, a.Patience, a.LearningRate,
            a.TrainerOptions, a.CheckpointDir, data.TextFromUtterances);
        var outDir = a.Out ?? Path.Combine("runs", $"{(data.Kind == DataKind.Synthetic ? "synthetic" : preset)}-{DateTime.Now:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(outDir);

        int maxEpochs = TrainingSession.TrainerOptions(settings).MaxEpochs;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Training ELR-GNN ({preset} preset): modalities {string.Join("+", settings.Modalities)}, up to {maxEpochs} epochs, " +
            $"seed {a.Seed}, device {a.Device}; validation: {(data.Valid is null ? "first 10% of the train dialogues (no valid split)" : "valid split")}.")));
        if (data.TextFromUtterances)
            console.MarkupLine(tunedText
                ? "Fine-tuning MiniLM on the train labels (cached on disk by data, options and seed; Ctrl-C stops it)..."
                : "Embedding utterances with MiniLM (cached on disk; the first run takes a while)...");
        console.MarkupLine("[grey]Ctrl-C stops after the current batch and keeps the best model.[/]");
        if (a.CheckpointDir is not null)
            console.MarkupLine($"Checkpoints: {Markup.Escape(Path.GetFullPath(a.CheckpointDir))} (resumed when they match this run).");

        var monitor = new TrainingMonitor(console, maxEpochs);
        TrainingSession.Result trained;
        TrainingSession.PreparedData? prepared;
        using (var ctrlC = new CtrlCCancellation(Console.Error))
        {
            var tuning = new TuningProgressDisplay(console);
            var textEncoder = new TextEncoderChoice(tunedText, a.EncoderEpochs, a.Device, tuning, ctrlC.Token, a.EncoderOptions);
            prepared = tunedText
                ? await ConsoleProgress.RunAsync(console, "MiniLM tuning", 100, tuning.Attach, () => TrainingSession.Prepare(ml, data, textEncoder))
                : null;
            trained = await monitor.RunAsync(() => prepared is null
                ? TrainingSession.Fit(ml, data, settings, monitor, ctrlC.Token)
                : TrainingSession.Fit(ml, prepared, settings, monitor, ctrlC.Token));
        }
        if (prepared?.Tuning is { } tuned)
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"MiniLM tuning{(prepared.TunedNow ? "" : " (from the cache)")}: kept epoch {tuned.BestEpoch} of {tuned.EpochLosses.Count}; head validation W-F1 by epoch " +
                $"{string.Join(", ", tuned.ValidationWeightedF1.Select(f => f is { } v ? v.ToString("P2", CultureInfo.InvariantCulture) : "n/a"))}; " +
                $"{tuned.SecondsPerEpoch:F0} s/epoch, {tuned.TokensPerSecond:F0} word pieces/s.")));
        var summary = trained.Network.Training!;
        var kept = summary.History.FirstOrDefault(h => h.Epoch == summary.BestEpoch)?.ValidationWeightedF1;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Kept epoch {summary.BestEpoch} of {summary.EpochsRun}{(summary.Cancelled ? " (stopped by Ctrl-C)" : summary.StoppedEarly ? " (early stopping)" : "")}" +
            $"{(kept is { } k ? $", validation W-F1 {k:P2}" : "")}; graph precompute {trained.PrecomputeSeconds:F3} s.")));

        var modelPath = Path.Combine(outDir, "model.zip");
        ml.Model.Save(trained.Model, data.Train.Schema, modelPath);

        if (data.TextFromUtterances)
            EmbeddingWarmup.Warm(data.Test); // inference speed should not include first-time embedding
        var scored = Scoring.Score(trained.Model, trained.Network.LabelNames, data.Test);
        var report = ReportBuilder.FromScores(trained.Network.LabelNames, scored, console);
        var metrics = new RunMetrics
        {
            Report = report,
            InferenceUtterancesPerSecond = scored.UtterancesPerSecond,
            PeakMemoryMb = ProcessMemory.PeakMegabytes(),
            Device = a.Device,
            Data = a.Data ?? "synthetic",
            Dataset = preset,
            Seed = summary.Seed,
            BestEpoch = summary.BestEpoch,
            EpochsRun = summary.EpochsRun,
            EpochSecondsMedian = MetricsJson.Median(summary.History.Select(h => h.Seconds)),
            PrecomputeSeconds = trained.PrecomputeSeconds,
            Cancelled = summary.Cancelled,
        };
        MetricsJson.Write(Path.Combine(outDir, "metrics.json"), metrics);
        Plots.TryWrite(console, () =>
        {
            Plots.Confusion(Path.Combine(outDir, "confusion.png"), report, "Confusion matrix (test split)");
            Plots.Curves(Path.Combine(outDir, "curves.png"), summary.History, summary.BestEpoch);
        });

        console.Write(ReportTable.Create(report, string.Create(CultureInfo.InvariantCulture, $"Test split: {report.Total:N0} utterances")));
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Median epoch {metrics.EpochSecondsMedian ?? 0:F2} s; inference {metrics.InferenceUtterancesPerSecond:N0} utterances/s; peak memory {metrics.PeakMemoryMb:N0} MB.")));
        console.MarkupLine($"Wrote {Markup.Escape(Path.GetFullPath(outDir))}: model.zip, metrics.json, confusion.png, curves.png");
        return ExitCodes.Success;
    }

    /// <summary>Asking for CUDA where there is none is a usage error, not a crash.</summary>
    public static void CheckDevice(string device)
    {
        if (device.StartsWith("cuda", StringComparison.Ordinal) && !TorchDevices.CudaAvailable())
            throw new CliUsageException($"--device {device}: CUDA is not available in this build or on this machine; use --device cpu.");
    }
}
