using System.Globalization;
using ElrGnn.MLNet.Data;
using Microsoft.ML;

namespace ElrGnn.MLNet.Features.Tuning;

/// <summary>
/// Reads <see cref="UtteranceRows"/> from a data view: text, optional label, optional conversation / turn / speaker,
/// and builds each row's encoder input (EmoBERTa-style past turns: <c>"A: past₁ B: past₂ … A: target"</c>).
/// </summary>
internal sealed class UtteranceRowReader
{
    // Beyond ~1,600 characters the 512 word pieces could be reached; older turns are dropped first so the package's
    // tokenizer, which cuts the end, never cuts the target.
    private const int MaxContextCharacters = 1600;

    private readonly UtteranceEmbeddingOptions _options;

    public UtteranceRowReader(UtteranceEmbeddingOptions options) => _options = options;

    /// <summary>Reads every row.</summary>
    /// <param name="data">The rows.</param>
    /// <param name="readLabels">Read the label column (it must exist).</param>
    /// <param name="labels">Fixed classes (validation rows: an unknown label is an error); null = learn them from the rows.</param>
    /// <exception cref="ConversationDataException">A column is missing or mistyped, or a turn is not a whole number.</exception>
    public UtteranceRows Read(IDataView data, bool readLabels, LabelMap? labels)
    {
        var schema = data.Schema;
        EmbeddingSchema.CheckInput(schema, _options.InputColumnName);
        var textColumn = schema[_options.InputColumnName];
        var past = _options.PastTurns;
        var conversationColumn = schema.GetColumnOrNull(_options.ConversationIdColumnName);
        if (past > 0 || conversationColumn is not null)
            conversationColumn = Require(schema, _options.ConversationIdColumnName, NameColumnReader.Supports, NameColumnReader.Expected);
        var turnColumn = past > 0 ? Require(schema, _options.TurnColumnName, TurnColumnReader.Supports, TurnColumnReader.Expected) : (Microsoft.ML.DataViewSchema.Column?)null;
        var speakerColumn = past > 0 ? Require(schema, _options.SpeakerColumnName, NameColumnReader.Supports, NameColumnReader.Expected) : (Microsoft.ML.DataViewSchema.Column?)null;
        var labelColumn = readLabels ? Require(schema, _options.LabelColumnName!, LabelColumnReader.Supports, LabelColumnReader.Expected) : (Microsoft.ML.DataViewSchema.Column?)null;

        var used = new[] { textColumn, conversationColumn, turnColumn, speakerColumn, labelColumn }.OfType<Microsoft.ML.DataViewSchema.Column>().ToArray();
        var texts = new List<string>();
        var groups = new List<string>();
        var turns = new List<int>();
        var speakers = new List<string>();
        var codes = new List<int>();
        LabelColumnReader? labelReader = null;
        using (var cursor = data.GetRowCursor(used))
        {
            var text = Data.ValueGetters.Text(cursor, textColumn);
            var conversation = conversationColumn is { } c ? NameColumnReader.Create(cursor, c) : null;
            var turn = turnColumn is { } t ? TurnColumnReader.Create(cursor, t) : null;
            var speaker = speakerColumn is { } s ? NameColumnReader.Create(cursor, s) : null;
            labelReader = labelColumn is { } l ? LabelColumnReader.Create(cursor, l, labels, requireLabels: false) : null;
            while (cursor.MoveNext())
            {
                var row = cursor.Position;
                var id = conversation?.Read() ?? (conversation is null ? $"row {row}" : "");
                var turnValue = turn?.Read(id, row) ?? 0;
                texts.Add(text() ?? "");
                groups.Add(id);
                turns.Add(turnValue);
                speakers.Add(speaker?.Read() ?? "");
                codes.Add(labelReader?.Read(id, turnValue) ?? -1);
            }
        }

        var map = LabelMap.Empty;
        if (labelReader is not null)
        {
            map = labelReader.Finish(out var remap);
            if (remap is not null)
                for (var i = 0; i < codes.Count; i++)
                    codes[i] = codes[i] < 0 ? codes[i] : remap[codes[i]];
        }
        var inputs = past > 0 ? WithPastTurns(texts, groups, turns, speakers, past) : [.. texts];
        var keys = Enumerable.Range(0, inputs.Length)
            .Select(i => conversationColumn is null ? inputs[i] : string.Join('\u001f', groups[i], turns[i].ToString(CultureInfo.InvariantCulture), inputs[i]))
            .ToArray();
        return new UtteranceRows(inputs, [.. codes], [.. groups], keys, map);
    }

    /// <summary>Each row's input: up to <paramref name="past"/> earlier turns of its conversation, then itself, as "speaker: text".</summary>
    internal static string[] WithPastTurns(IReadOnlyList<string> texts, IReadOnlyList<string> groups, IReadOnlyList<int> turns,
        IReadOnlyList<string> speakers, int past)
    {
        var inputs = new string[texts.Count];
        foreach (var conversation in Enumerable.Range(0, texts.Count).GroupBy(i => groups[i], StringComparer.Ordinal))
        {
            var ordered = conversation.OrderBy(i => turns[i]).ToArray();
            for (var p = 0; p < ordered.Length; p++)
            {
                var row = ordered[p];
                var parts = new List<string> { Tagged(speakers[row], texts[row]) };
                var length = parts[0].Length;
                for (var q = p - 1; q >= 0 && q >= p - past; q--)
                {
                    var previous = Tagged(speakers[ordered[q]], texts[ordered[q]]);
                    if (length + previous.Length + 1 > MaxContextCharacters)
                        break;
                    parts.Insert(0, previous);
                    length += previous.Length + 1;
                }
                inputs[row] = string.Join(' ', parts);
            }
        }
        return inputs;
    }

    private static string Tagged(string speaker, string text) => speaker.Length == 0 ? text : $"{speaker}: {text}";

    private static Microsoft.ML.DataViewSchema.Column Require(Microsoft.ML.DataViewSchema schema, string name,
        Func<Microsoft.ML.Data.DataViewType, bool> supports, string expected)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw new ConversationDataException("the input has no such column; tuned utterance embedding needs it (see UtteranceEmbeddingOptions).", name);
        if (!supports(column.Type))
            throw new ConversationDataException($"the column has type {column.Type}, expected {expected}.", name);
        return column;
    }
}
