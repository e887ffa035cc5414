using System.CommandLine;
using ElrGnn.Cli.Data;
using ElrGnn.Cli.Output;
using ElrGnn.Cli.Running;
using ElrGnn.MLNet.Prediction;
using Microsoft.ML;
using Spectre.Console;

namespace ElrGnn.Cli.Commands;

/// <summary>
/// <c>elrgnn predict</c>: per-turn emotions with probabilities for the conversations of a CSV or JSON file, as tables
/// or (--json) as JSON on stdout.
/// </summary>
internal static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var model = CommonOptions.Model();
        var input = new Option<string>("--input")
        {
            Description = "Utterances: a CSV in the utterances.csv layout (no labels needed) or a JSON array of " +
                "{dialogue_id, turn, speaker, text} objects, optionally with \"features\": {\"Text\": [...], \"Audio\": [...], \"Visual\": [...]}.",
            HelpName = "csv|json",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Write the predictions as JSON to stdout instead of tables." };
        var explain = new Option<bool>("--explain")
        {
            Description = "Also show which turns drove each prediction (leave-one-turn-out contributions) and write a turn x turn " +
                "heat map per conversation, explain-<dialogue_id>.png, into --out.",
        };
        var output = CommonOptions.Out("Folder for the --explain heat maps. Default: the current folder.");
        var command = new Command("predict", "Predict the emotion of every turn of one or more conversations.") { model, input, json, explain, output };
        command.SetAction(result => Run(console, result.GetValue(model)!, result.GetValue(input)!, result.GetValue(json),
            result.GetValue(explain), result.GetValue(output)));
        return command;
    }

    private static int Run(IAnsiConsole console, string modelPath, string inputPath, bool json, bool explain, string? outDir)
    {
        var ml = new MLContext(seed: 1);
        var rows = PredictionInput.Read(inputPath);
        if (!json)
        {
            int dialogues = rows.Select(r => r.DialogueId).Distinct().Count();
            console.MarkupLine(Markup.Escape($"Data: {inputPath} ({dialogues} dialogues, {rows.Count} utterances)"));
        }
        var model = LoadedModel.Load(ml, modelPath);
        var view = InputView.Create(ml, rows, model);
        if (model.ComputesText)
            EmbeddingWarmup.Warm(rows.Select(r => r.Utterance));
        var scored = Scoring.Score(model.Model, model.Labels, view);
        var explanations = explain ? Explain(ml, model, rows) : null;
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            PredictionOutput.WriteJson(stdout, Path.GetFullPath(modelPath), scored.Rows, model.Labels, explanations);
            stdout.WriteByte((byte)'\n');
        }
        else
        {
            PredictionOutput.WriteTables(console, scored.Rows, model.Labels, explanations);
        }
        if (explanations is not null)
            WriteHeatMaps(console, explanations, outDir ?? Directory.GetCurrentDirectory(), quiet: json);
        return ExitCodes.Success;
    }

    // The rows were checked and completed by InputView.Create, so they fit the model's input schema.
    private static IReadOnlyList<ConversationExplanation> Explain(MLContext ml, LoadedModel model, IReadOnlyList<InputRow> rows) =>
        model.Model.CreateConversationPredictor<InputRow, ScoreRow>(ml, model.InputSchema).Explain(rows);

    private static void WriteHeatMaps(IAnsiConsole console, IReadOnlyList<ConversationExplanation> explanations, string outDir, bool quiet)
    {
        Directory.CreateDirectory(outDir);
        // With --json, stdout holds only the JSON: a plot failure is reported on stderr.
        var report = quiet ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }) : console;
        Plots.TryWrite(report, () =>
        {
            foreach (var explanation in explanations)
                ExplanationPlot.Write(Path.Combine(outDir, ExplanationPlot.FileName(explanation.ConversationId)), explanation);
        });
        if (!quiet)
            console.MarkupLine($"Wrote {explanations.Count} heat map(s) explain-<dialogue_id>.png into {Markup.Escape(Path.GetFullPath(outDir))}");
    }
}
