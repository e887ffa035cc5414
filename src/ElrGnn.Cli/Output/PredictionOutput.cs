using System.Globalization;
using System.Text.Json;
using ElrGnn.Cli.Running;
using ElrGnn.MLNet.Prediction;
using Spectre.Console;

namespace ElrGnn.Cli.Output;

/// <summary>Shows predictions: one table per conversation, or JSON for programs.</summary>
internal static class PredictionOutput
{
    private const int MaxTextLength = 60;

    /// <summary>The rows grouped by conversation (first-appearance order), each ordered by turn.</summary>
    public static IEnumerable<(string Id, List<ScoredUtterance> Turns)> ByConversation(IEnumerable<ScoredUtterance> rows) =>
        rows.GroupBy(r => r.DialogueId, StringComparer.Ordinal).Select(g => (g.Key, g.OrderBy(r => r.Turn).ToList()));

    /// <summary>Writes one table per conversation: turn, speaker, text, predicted emotion with its probability, the runner-up,
    /// and with <paramref name="explanations"/> the turns that drove each prediction.</summary>
    public static void WriteTables(IAnsiConsole console, IReadOnlyList<ScoredUtterance> rows, IReadOnlyList<string> labels,
        IReadOnlyList<ConversationExplanation>? explanations = null)
    {
        var explained = ByTurn(explanations);
        bool hasTruth = rows.Any(r => r.Truth >= 0);
        foreach (var (id, turns) in ByConversation(rows))
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title(Markup.Escape($"{id} ({turns.Count} turns)"));
            table.AddColumn(new TableColumn("turn").RightAligned());
            table.AddColumn("speaker");
            table.AddColumn("text");
            table.AddColumn("emotion");
            table.AddColumn(new TableColumn("p").RightAligned());
            table.AddColumn("next");
            if (hasTruth)
                table.AddColumn("label");
            if (explained is not null)
                table.AddColumn("driven by (turn speaker contribution)");
            foreach (var r in turns)
            {
                var ranked = r.Probabilities.Select((p, k) => (p, k)).OrderByDescending(x => x.p).ToArray();
                var cells = new List<string>
                {
                    r.Turn.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(r.Speaker),
                    Markup.Escape(Shorten(r.Utterance)),
                    $"[bold]{Markup.Escape(labels[r.Predicted])}[/]",
                    Fixed(r.Probabilities[r.Predicted]),
                    ranked.Length > 1 ? Markup.Escape($"{labels[ranked[1].k]} {Fixed(ranked[1].p)}") : "",
                };
                if (hasTruth)
                    cells.Add(r.Truth < 0 ? "" : r.Truth == r.Predicted ? $"[green]{Markup.Escape(labels[r.Truth])}[/]" : $"[red]{Markup.Escape(labels[r.Truth])}[/]");
                if (explained is not null)
                    cells.Add(Markup.Escape(string.Join(", ", TopTurns(explained, r).Select(t => $"{t.Turn} {t.Speaker} {Signed(t.Contribution)}"))));
                table.AddRow([.. cells]);
            }
            console.Write(table);
        }
    }

    /// <summary>Writes the predictions as JSON: model, labels, and per conversation the turns with all probabilities; with
    /// <paramref name="explanations"/> also each utterance's <c>top_turns</c> and the conversation's <c>contributions</c> matrix.</summary>
    public static void WriteJson(Stream stream, string modelPath, IReadOnlyList<ScoredUtterance> rows, IReadOnlyList<string> labels,
        IReadOnlyList<ConversationExplanation>? explanations = null)
    {
        var explained = ByTurn(explanations);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("model", modelPath);
        json.WriteStartArray("labels");
        foreach (var label in labels)
            json.WriteStringValue(label);
        json.WriteEndArray();
        json.WriteStartArray("conversations");
        foreach (var (id, turns) in ByConversation(rows))
        {
            json.WriteStartObject();
            json.WriteString("dialogue_id", id);
            json.WriteStartArray("utterances");
            foreach (var r in turns)
            {
                json.WriteStartObject();
                json.WriteNumber("turn", r.Turn);
                json.WriteString("speaker", r.Speaker);
                json.WriteString("text", r.Utterance);
                json.WriteString("emotion", labels[r.Predicted]);
                json.WriteStartObject("probabilities");
                for (int k = 0; k < labels.Count; k++)
                    json.WriteNumber(labels[k], Math.Round(r.Probabilities[k], 6));
                json.WriteEndObject();
                if (explained is not null)
                {
                    json.WriteStartArray("top_turns");
                    foreach (var t in TopTurns(explained, r))
                    {
                        json.WriteStartObject();
                        json.WriteNumber("turn", t.Turn);
                        json.WriteString("speaker", t.Speaker);
                        json.WriteNumber("contribution", Math.Round(t.Contribution, 6));
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (explanations?.FirstOrDefault(e => e.ConversationId == id) is { } explanation)
            {
                // Row i = explained utterance, column j = contributing turn, both in the order of "turns".
                json.WriteStartArray("turns");
                foreach (var turn in explanation.Turns)
                    json.WriteNumberValue(turn);
                json.WriteEndArray();
                json.WriteStartArray("contributions");
                foreach (var row in explanation.Contributions)
                {
                    json.WriteStartArray();
                    foreach (var value in row)
                        json.WriteNumberValue(Math.Round(value, 6));
                    json.WriteEndArray();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static Dictionary<(string Id, int Turn), UtteranceExplanation>? ByTurn(IReadOnlyList<ConversationExplanation>? explanations) =>
        explanations?.SelectMany(e => e.Utterances.Select(u => (Key: (e.ConversationId, u.Turn), u)))
            .ToDictionary(x => x.Key, x => x.u);

    private static IReadOnlyList<TurnContribution> TopTurns(Dictionary<(string Id, int Turn), UtteranceExplanation> explained, ScoredUtterance r) =>
        explained.TryGetValue((r.DialogueId, r.Turn), out var u) ? u.TurnContributions : [];

    private static string Signed(float value) => value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    private static string Fixed(float p) => p.ToString("F2", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= MaxTextLength ? text : text[..(MaxTextLength - 1)] + "…";
}
