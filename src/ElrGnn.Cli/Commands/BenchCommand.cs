using System.CommandLine;
using System.Globalization;
using ElrGnn.Cli.Bench;
using ElrGnn.Cli.Data;
using ElrGnn.Cli.Output;
using ElrGnn.Cli.Running;
using ElrGnn.MLNet.Training;
using Microsoft.ML;
using Spectre.Console;

namespace ElrGnn.Cli.Commands;

/// <summary>
/// <c>elrgnn bench</c>: trains ELR-GNN, context-free ML.NET models, a full-graph RGCN and the ablations on the same
/// prepared features for several seeds, and writes bench.json and comparison.png into --out (bench.json after every
/// seed, so a stopped bench keeps what it measured).
/// </summary>
internal static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var data = CommonOptions.Data();
        var dataset = CommonOptions.Dataset();
        var modalities = CommonOptions.Modalities();
        var seeds = new Option<int>("--seeds") { Description = "Seeds per run (1..N).", DefaultValueFactory = _ => 5 };
        seeds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
                r.AddError("--seeds must be at least 1.");
        });
        var runs = new Option<string?>("--runs")
        {
            Description = $"Comma-separated runs to measure (default: all): {string.Join(", ", BenchRun.All.Select(r => r.Name))}.",
        };
        var epochs = CommonOptions.Epochs();
        var device = CommonOptions.Device();
        var output = CommonOptions.Out("Output folder for bench.json and comparison.png. Default: ./runs/bench-<dataset>-<timestamp>.");
        var synthetic = CommonOptions.SyntheticConversations();
        var patience = CommonOptions.Patience();
        var learningRate = CommonOptions.LearningRate();
        var trainerOptions = CommonOptions.TrainerOptions();
        var textEncoder = CommonOptions.TextEncoder();
        var encoderEpochs = CommonOptions.EncoderEpochs();
        var encoderOptions = CommonOptions.EncoderOptions();
        var command = new Command("bench", "Compare ELR-GNN with context-free models, a full-graph RGCN and ablations over several seeds.")
        {
            data, dataset, modalities, seeds, runs, epochs, device, output, synthetic, patience, learningRate, trainerOptions,
            textEncoder, encoderEpochs, encoderOptions,
        };
        command.SetAction((result, _) => RunAsync(console, new Arguments(
            result.GetValue(data), result.GetValue(dataset), result.GetValue(modalities), result.GetValue(seeds), result.GetValue(runs),
            result.GetValue(epochs), result.GetValue(device)!, result.GetValue(output), result.GetValue(synthetic),
            result.GetValue(patience), result.GetValue(learningRate), result.GetValue(trainerOptions) ?? [],
            TextEncoderChoice.Parse(result.GetValue(textEncoder)), result.GetValue(encoderEpochs),
            result.GetValue(encoderOptions) ?? [])));
        return command;
    }

    private sealed record Arguments(string? Data, string? Dataset, string? Modalities, int Seeds, string? Runs, int? Epochs, string Device,
        string? Out, int? SyntheticConversations, int? Patience, double? LearningRate, string[] TrainerOptions,
        bool? TunedText = null, int? EncoderEpochs = null, string[]? EncoderOptions = null);

    private static async Task<int> RunAsync(IAnsiConsole console, Arguments a)
    {
        TrainCommand.CheckDevice(a.Device);
        TextEncoderChoice.CheckOverrides(a.EncoderOptions);
        BenchRun.Select(a.Runs, tunedText: true); // unknown names fail before the data is read
        var ml = new MLContext(seed: 1);
        var data = DataLoading.Load(ml, a.Data, a.SyntheticConversations);
        console.MarkupLine($"Data: {Markup.Escape(data.Description)}");
        if (data.Train is null || data.Rows.Test == 0)
            throw new CliUsageException("bench needs 'train' and 'test' rows (and 'valid' for epoch selection).");
        string preset = DatasetPreset.Resolve(a.Dataset, a.Data);
        bool tunedText = TextEncoderChoice.TunesText(a.TunedText, preset, data.TextFromUtterances);
        var selected = BenchRun.Select(a.Runs, tunedText);
        var modalityNames = ModalitySelection.Choose(a.Modalities, data);
        var settings = new TrainSettings(preset, modalityNames, a.Epochs, Seed: 1, a.Device, a.Patience, a.LearningRate, a.TrainerOptions,
            TextEmbeddings: data.TextFromUtterances);
        string outDir = a.Out ?? Path.Combine("runs", $"bench-{(data.Kind == DataKind.Synthetic ? "synthetic" : preset)}-{DateTime.Now:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(outDir);
        string jsonPath = Path.Combine(outDir, "bench.json");

        if (data.TextFromUtterances)
            console.MarkupLine(tunedText
                ? "Fine-tuning MiniLM on the train labels once for every run and seed (cached on disk by data, options and seed)..."
                : "Embedding utterances with MiniLM (cached on disk; the first run takes a while)...");
        TrainingSession.PreparedData prepared;
        using (var tuningCancel = new CtrlCCancellation(Console.Error))
        {
            var tuning = new TuningProgressDisplay(console);
            var textEncoder = new TextEncoderChoice(tunedText, a.EncoderEpochs, a.Device, tuning, tuningCancel.Token, a.EncoderOptions);
            prepared = tunedText
                ? await ConsoleProgress.RunAsync(console, "MiniLM tuning", 100, tuning.Attach, () => TrainingSession.Prepare(ml, data, textEncoder))
                : TrainingSession.Prepare(ml, data);
        }
        var graphOptions = DatasetPreset.GraphOptions(preset);
        var trainLengths = PrecomputeTiming.ReadSpeakers(prepared.Train, graphOptions).Select(s => s.Length).ToArray();
        double precompute = new[] { prepared.Train, prepared.Valid, prepared.Test }.OfType<IDataView>()
            .Sum(view => PrecomputeTiming.Measure(view, graphOptions));
        var trainerDefaults = TrainingSession.TrainerOptions(settings);
        var report = new BenchReport
        {
            Dataset = data.Kind == DataKind.Synthetic ? "synthetic" : preset,
            Features = FeatureDescription(data, modalityNames) + (tunedText ? ", fine-tuned on the train labels (--text-encoder tuned)" : ""),
            Data = a.Data ?? "synthetic",
            Seeds = [.. Enumerable.Range(1, a.Seeds)],
            TrainUtterances = data.Rows.Train,
            TestUtterances = data.Rows.Test,
            GemmPeakGflops = GemmPeak.MeasureGflops(),
            PrecomputeSeconds = precompute,
            EncoderTuning = prepared.Tuning,
            EncoderTunedInThisProcess = prepared.TunedNow,
            Slices = TestSlices.Read(prepared.Test),
            Labels = data.LabelNames,
            Recipe = string.Create(CultureInfo.InvariantCulture,
                $"{preset} preset: lr {trainerDefaults.LearningRate:G3}, up to {trainerDefaults.MaxEpochs} epochs, patience {trainerDefaults.EarlyStoppingPatience}, " +
                $"dropout {trainerDefaults.Dropout:G2}, batch {trainerDefaults.BatchSize}, d {trainerDefaults.ModelSize}; epoch kept on the valid split"),
        };
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Bench: {selected.Count} runs x {a.Seeds} seeds (deterministic runs once); {report.Recipe}. GEMM peak {report.GemmPeakGflops:F0} GFLOP/s, graph precompute (all splits) {precompute:F3} s.")));
        console.MarkupLine("[grey]Ctrl-C stops after the current batch; bench.json keeps every finished seed.[/]");

        var runner = new BenchRunner(ml, prepared, settings, data.LabelNames, trainLengths);
        var monitor = new BenchMonitor(console, selected.Sum(r => SeedsOf(r, a.Seeds)));
        using (var ctrlC = new CtrlCCancellation(Console.Error))
        {
            await monitor.RunAsync(() =>
            {
                foreach (var run in selected)
                {
                    var result = new RunResult(run);
                    report.Runs.Add(result);
                    for (int seed = 1; seed <= SeedsOf(run, a.Seeds) && !ctrlC.Token.IsCancellationRequested; seed++)
                    {
                        monitor.Start(run.Name, seed);
                        var measured = runner.Measure(run, seed, monitor, ctrlC.Token);
                        if (ctrlC.Token.IsCancellationRequested)
                            break; // a cut-short seed would skew the mean
                        result.Seeds.Add(measured);
                        report.InferenceUtterancesPerSecond = runner.InferenceUtterancesPerSecond;
                        report.PeakMemoryMb = ProcessMemory.PeakMegabytes();
                        report.Write(jsonPath);
                        monitor.Finished(run.Name, measured);
                    }
                }
                return 0;
            });
        }
        report.PeakMemoryMb = ProcessMemory.PeakMegabytes();
        report.Write(jsonPath);
        Plots.TryWrite(console, () => BenchPlot.Comparison(Path.Combine(outDir, "comparison.png"), report));
        console.Write(BenchTable.Create(report));
        console.MarkupLine($"Wrote {Markup.Escape(Path.GetFullPath(outDir))}: bench.json, comparison.png");
        return ExitCodes.Success;
    }

    // A seed-independent run (no randomness in its fit) is fitted once: more seeds would repeat the same numbers.
    private static int SeedsOf(BenchRun run, int seeds) => run.SeedIndependent ? 1 : seeds;

    private static string FeatureDescription(LoadedData data, IReadOnlyList<string> modalities) => data.Kind switch
    {
        DataKind.Csv => "text: MiniLM-L6 sentence embeddings (384-d) computed by ElrGnn.MLNet.Embeddings",
        DataKind.Synthetic => $"synthetic {string.Join("+", modalities)} features",
        _ => $"{string.Join("+", modalities)} features from {Path.GetFileName(data.Path)}",
    };
}
