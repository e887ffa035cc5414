using System.Globalization;
using System.Text;
using Microsoft.ML;

namespace ElrGnn.MLNet.Data;

/// <summary>
/// Reads transcript tables in the <c>utterances.csv</c> layout (RFC 4180; header
/// <c>dialogue_id,turn,speaker,label,label_name,split,text</c>; columns are found by name, so extra or
/// reordered columns are fine). The label is taken from <c>label_name</c>, else <c>label</c>.
/// </summary>
public static class UtteranceCsv
{
    /// <summary>The file name a data folder is expected to hold.</summary>
    public const string FileName = "utterances.csv";

    /// <summary>Reads every row of <paramref name="path"/> (a CSV file, or a folder holding <see cref="FileName"/>).</summary>
    /// <exception cref="ConversationDataException">A required column is missing or a row is malformed; names the line.</exception>
    public static IReadOnlyList<UtteranceRecord> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        if (!File.Exists(file))
            throw new FileNotFoundException($"No transcript table at '{file}'.", file);

        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string source = $"'{file}'";
        var header = ReadHeader(reader, source);
        int id = FindColumn(header, "dialogue_id", source), turn = FindColumn(header, "turn", source);
        int speaker = FindColumn(header, "speaker", source), text = FindColumn(header, "text", source);
        int label = FindColumn(header, "label_name", source, required: false) is var ln and >= 0 ? ln : FindColumn(header, "label", source, required: false);
        int split = FindColumn(header, "split", source, required: false);
        int fieldsNeeded = new[] { id, turn, speaker, text, label, split }.Max() + 1;

        var rows = new List<UtteranceRecord>();
        foreach (var (lineNo, f) in Records(reader, source, fieldsNeeded))
        {
            rows.Add(new UtteranceRecord
            {
                DialogueId = f[id],
                Turn = ParseTurn(f[turn], $"{source} line {lineNo}", "turn", f[id]),
                Speaker = f[speaker],
                Label = label >= 0 ? f[label] : "",
                Split = split >= 0 ? f[split] : "",
                Utterance = f[text],
            });
        }
        return rows;
    }

    /// <summary>The rows of one split (all rows when <paramref name="split"/> is null) as an IDataView.</summary>
    public static IDataView ToDataView(MLContext mlContext, IEnumerable<UtteranceRecord> rows, string? split = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(rows);
        var selected = split is null ? rows.ToList() : rows.Where(r => r.Split == split).ToList();
        return mlContext.Data.LoadFromEnumerable(selected);
    }

    // The first line's fields, trimmed; an empty file is an error naming source.
    internal static List<string> ReadHeader(TextReader reader, string source) =>
        [.. ParseLine(reader.ReadLine() ?? throw new ConversationDataException($"{source} is empty.")).Select(h => h.Trim())];

    // The field index of header column name (case-insensitive); -1 when it is absent and not required.
    internal static int FindColumn(List<string> header, string name, string source, bool required = true)
    {
        int i = header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        if (i < 0 && required)
            throw new ConversationDataException(
                $"{source} has no '{name}' column (found: {string.Join(", ", header.Take(8))}{(header.Count > 8 ? ", …" : "")}).", name);
        return i;
    }

    // The data lines after the header (empty lines skipped): 1-based line number and at least fieldsNeeded fields.
    internal static IEnumerable<(int LineNo, List<string> Fields)> Records(TextReader reader, string source, int fieldsNeeded)
    {
        int lineNo = 1;
        for (string? line; (line = reader.ReadLine()) is not null;)
        {
            lineNo++;
            if (line.Length == 0)
                continue;
            var fields = ParseLine(line);
            if (fields.Count < fieldsNeeded)
                throw new ConversationDataException($"{source} line {lineNo} has {fields.Count} fields, expected at least {fieldsNeeded}.");
            yield return (lineNo, fields);
        }
    }

    // A turn field as an int (invariant culture); where names the line.
    internal static int ParseTurn(string text, string where, string column, string conversationId) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int turn) ? turn
            : throw new ConversationDataException($"{where}: turn '{text}' is not an integer.", column, conversationId);

    // RFC 4180 for one physical line: quoted fields may hold commas and doubled quotes (no line breaks here).
    internal static List<string> ParseLine(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }
}
