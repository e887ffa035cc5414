using System.CommandLine;
using System.Globalization;
using ElrGnn.Cli.Data;
using ElrGnn.Cli.Output;
using ElrGnn.Cli.Running;
using Microsoft.ML;
using Spectre.Console;

namespace ElrGnn.Cli.Commands;

/// <summary>
/// <c>elrgnn evaluate</c>: scores the test split (all rows when the data has no split column) with a saved model and
/// prints the metrics table; with --out also writes metrics.json and confusion.png there.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var model = CommonOptions.Model();
        var data = CommonOptions.Data();
        var output = CommonOptions.Out("Folder for metrics.json and confusion.png. Default: write nothing.");
        var synthetic = CommonOptions.SyntheticConversations();
        var command = new Command("evaluate", "Evaluate a saved model on the test split of a data set.") { model, data, output, synthetic };
        command.SetAction(result => Run(console,
            result.GetValue(model)!, result.GetValue(data), result.GetValue(output), result.GetValue(synthetic)));
        return command;
    }

    private static int Run(IAnsiConsole console, string modelPath, string? dataPath, string? outDir, int? syntheticConversations)
    {
        var ml = new MLContext(seed: 1);
        var data = DataLoading.Load(ml, dataPath, syntheticConversations);
        console.MarkupLine($"Data: {Markup.Escape(data.Description)}; evaluating on {(data.Train is null && data.Valid is null ? "all rows" : "the test split")}.");
        var model = LoadedModel.Load(ml, modelPath);
        model.CheckInput(data.Test.Schema);
        if (model.ComputesText)
            EmbeddingWarmup.Warm(data.Test);

        var scored = Scoring.Score(model.Model, model.Labels, data.Test);
        var report = ReportBuilder.FromScores(model.Labels, scored, console);
        console.Write(ReportTable.Create(report, string.Create(CultureInfo.InvariantCulture, $"{report.Total:N0} utterances")));
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Inference {scored.UtterancesPerSecond:N0} utterances/s.")));
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            MetricsJson.Write(Path.Combine(outDir, "metrics.json"), new RunMetrics
            {
                Report = report,
                InferenceUtterancesPerSecond = scored.UtterancesPerSecond,
                PeakMemoryMb = ProcessMemory.PeakMegabytes(),
                Device = "cpu", // a loaded model scores on the CPU
                Data = dataPath ?? "synthetic",
            });
            Plots.TryWrite(console, () => Plots.Confusion(Path.Combine(outDir, "confusion.png"), report, "Confusion matrix"));
            console.MarkupLine($"Wrote {Markup.Escape(Path.GetFullPath(outDir))}: metrics.json, confusion.png");
        }
        return ExitCodes.Success;
    }
}
