using ElrGnn.MLNet.Evaluation;
using Spectre.Console;

namespace ElrGnn.Cli.Running;

/// <summary>Turns scored, labelled rows into a <see cref="ClassificationReport"/>.</summary>
internal static class ReportBuilder
{
    /// <summary>The report over rows with a known true label; warns about rows whose label the model does not know.</summary>
    /// <exception cref="CliUsageException">No row has a label the model knows.</exception>
    public static ClassificationReport FromScores(IReadOnlyList<string> labels, Scoring.Result scored, IAnsiConsole console)
    {
        var labelled = scored.Rows.Where(r => r.Truth >= 0).ToList();
        if (scored.UnknownLabels > 0)
            console.MarkupLine($"[yellow]warning:[/] {scored.UnknownLabels} utterances have labels the model was not trained on; they are left out of the metrics.");
        if (labelled.Count == 0)
            throw new CliUsageException($"None of the {scored.Rows.Count} utterances has a label the model knows ({string.Join(", ", labels)}).");
        return ClassificationReport.FromPredictions(labels, labelled.Select(r => r.Truth).ToList(), labelled.Select(r => r.Predicted).ToList());
    }
}
