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
        var header = ParseLine(reader.ReadLine() ?? throw new ConversationDataException($"'{file}' is empty."));
        int Col(string name, bool required = true)
        {
            int i = header.FindIndex(h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
            if (i < 0 && required)
                throw new ConversationDataException($"'{file}' has no '{name}' column (found: {string.Join(", ", header)}).", column: name);
            return i;
        }
        int id = Col("dialogue_id"), turn = Col("turn"), speaker = Col("speaker"), text = Col("text");
        int label = Col("label_name", required: false) is var ln and >= 0 ? ln : Col("label", required: false);
        int split = Col("split", required: false);

        var rows = new List<UtteranceRecord>();
        int lineNo = 1;
        for (string? line; (line = reader.ReadLine()) is not null;)
        {
            lineNo++;
            if (line.Length == 0)
                continue;
            var f = ParseLine(line);
            int need = new[] { id, turn, speaker, text, label, split }.Max();
            if (f.Count <= need)
                throw new ConversationDataException($"'{file}' line {lineNo} has {f.Count} fields, expected at least {need + 1}.");
            if (!int.TryParse(f[turn], NumberStyles.Integer, CultureInfo.InvariantCulture, out int t))
                throw new ConversationDataException($"'{file}' line {lineNo}: turn '{f[turn]}' is not an integer.", column: "turn", conversationId: f[id]);
            rows.Add(new UtteranceRecord
            {
                DialogueId = f[id],
                Turn = t,
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
