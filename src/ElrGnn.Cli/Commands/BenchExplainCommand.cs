using System.CommandLine;
using System.Globalization;
using ElrGnn.Cli.Bench;
using ElrGnn.Cli.Data;
using ElrGnn.Cli.Running;
using Microsoft.ML;
using Spectre.Console;

namespace ElrGnn.Cli.Commands;

/// <summary>
/// <c>elrgnn bench-explain</c>: the turn-explanation benchmark (<see cref="ExplanationBenchmark"/>) on the test split
/// of --data, with --model or, without it, a quickly trained model; writes bench-explain.json into --out.
/// </summary>
internal static class BenchExplainCommand
{
    /// <summary>Epochs of the model trained when no --model is given.</summary>
    public const int QuickEpochs = 10;

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var model = new Option<string?>("--model")
        {
            Description = $"Model zip written by 'elrgnn train'. Default: train one on --data first ({QuickEpochs} epochs unless --epochs).",
            HelpName = "zip",
        };
        var data = CommonOptions.Data();
        var output = CommonOptions.Out("Output folder for bench-explain.json. Default: ./runs/bench-explain-<timestamp>.");
        var seed = CommonOptions.Seed();
        var epochs = CommonOptions.Epochs();
        var synthetic = CommonOptions.SyntheticConversations();
        var timedTurns = new Option<int>("--timed-turns")
        {
            Description = "Turns of the conversation whose explanation is timed.",
            DefaultValueFactory = _ => ExplanationBenchmark.TimedLength,
            Hidden = true, // tests time a short one
        };
        timedTurns.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
                r.AddError("--timed-turns must be at least 1.");
        });
        var command = new Command("bench-explain",
            "Measure the turn explanations: probability drop when the top-3 attributed turns are deleted vs 3 random turns, and explain time for 100 turns.")
        {
            model, data, output, seed, epochs, synthetic, timedTurns,
        };
        command.SetAction(result => Run(console, result.GetValue(model), result.GetValue(data), result.GetValue(output), result.GetValue(seed),
            result.GetValue(epochs), result.GetValue(synthetic), result.GetValue(timedTurns)));
        return command;
    }

    private static int Run(IAnsiConsole console, string? modelPath, string? dataPath, string? outDir, int seed, int? epochs, int? synthetic,
        int timedTurns)
    {
        var ml = new MLContext(seed: seed);
        if (string.Equals(dataPath, "synthetic", StringComparison.OrdinalIgnoreCase))
            dataPath = null;
        var data = DataLoading.Load(ml, dataPath, synthetic);
        console.MarkupLine($"Data: {Markup.Escape(data.Description)}");
        var (pipeline, inputSchema) = modelPath is null ? Train(console, ml, data, dataPath, seed, epochs) : Load(ml, modelPath, data);
        outDir ??= Path.Combine("runs", $"bench-explain-{DateTime.Now:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(outDir);

        console.MarkupLine($"Explaining the test split (deleting top-3 and random turns) and timing a {timedTurns}-turn conversation...");
        var result = ExplanationBenchmark.Run(ml, pipeline, inputSchema, data.Test, seed, timedTurns: timedTurns);
        var path = Path.Combine(outDir, "bench-explain.json");
        result.Write(path);
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{result.Utterances} utterances: mean drop top-3 {result.Top3MeanDrop:F4}, random-3 {result.Random3MeanDrop:F4}, " +
            $"ratio {(result.Ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : "n/a")} (target >= {result.RatioTarget:G}); " +
            $"explain {result.ExplainTurns} turns {result.ExplainSeconds:F3} s (median of {result.ExplainTimingRuns}).")));
        console.MarkupLine($"Wrote {Markup.Escape(Path.GetFullPath(path))}");
        return ExitCodes.Success;
    }

    private static (ITransformer Model, DataViewSchema InputSchema) Load(MLContext ml, string path, LoadedData data)
    {
        var model = LoadedModel.Load(ml, path);
        model.CheckInput(data.Test.Schema);
        return (model.Model, model.InputSchema);
    }

    // As 'elrgnn train' does (preset, every modality, valid split for the epoch), with few epochs.
    private static (ITransformer Model, DataViewSchema InputSchema) Train(IAnsiConsole console, MLContext ml, LoadedData data, string? dataPath,
        int seed, int? epochs)
    {
        var train = data.Train ?? throw new CliUsageException("Without --model the data needs 'train' rows to train a model on.");
        var preset = DatasetPreset.Resolve(null, dataPath);
        var settings = new TrainSettings(preset, ModalitySelection.Choose(null, data), epochs ?? QuickEpochs, seed, "cpu",
            TextEmbeddings: data.TextFromUtterances);
        console.MarkupLine(Markup.Escape($"No --model: training ELR-GNN ({preset} preset, up to {settings.Epochs} epochs, seed {seed})..."));
        var trained = TrainingSession.Fit(ml, TrainingSession.Prepare(ml, data), settings, progress: null, CancellationToken.None);
        return (trained.Model, train.Schema);
    }
}
