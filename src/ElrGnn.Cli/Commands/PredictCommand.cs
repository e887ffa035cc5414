using System.CommandLine;
using ElrGnn.Cli.Data;
using ElrGnn.Cli.Output;
using ElrGnn.Cli.Running;
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
        var command = new Command("predict", "Predict the emotion of every turn of one or more conversations.") { model, input, json };
        command.SetAction(result => Run(console, result.GetValue(model)!, result.GetValue(input)!, result.GetValue(json)));
        return command;
    }

    private static int Run(IAnsiConsole console, string modelPath, string inputPath, bool json)
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
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            PredictionOutput.WriteJson(stdout, Path.GetFullPath(modelPath), scored.Rows, model.Labels);
            stdout.WriteByte((byte)'\n');
        }
        else
        {
            PredictionOutput.WriteTables(console, scored.Rows, model.Labels);
        }
        return ExitCodes.Success;
    }
}
