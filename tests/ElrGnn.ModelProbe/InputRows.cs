using ElrGnn.MLNet.Data;
using System.Text.Json;

namespace ElrGnn.ModelProbe;

/// <summary>
/// Input rows read from JSON or CSV, each cell kept as text items (one for a scalar, several for a vector) until
/// the model's input schema says how to parse them (see <see cref="InputDataView"/>).
/// </summary>
internal static class InputRows
{
    /// <summary>Reads the file; the format follows the extension (.json or .csv).</summary>
    public static List<Dictionary<string, string[]>> Read(string path)
        => Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => ReadJson(File.ReadAllText(path)),
            ".csv" => ReadCsv(File.ReadAllLines(path)),
            var ext => throw new ArgumentException($"input must be .json or .csv, not '{ext}'"),
        };

    private static List<Dictionary<string, string[]>> ReadJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
            throw new FormatException("JSON input must be an array of row objects");
        var rows = new List<Dictionary<string, string[]>>();
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            var cells = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var property in row.EnumerateObject())
            {
                cells[property.Name] = property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select(Scalar).ToArray()
                    : [Scalar(property.Value)];
            }
            rows.Add(cells);
        }
        return rows;
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        var kind => throw new FormatException($"unsupported JSON value of kind {kind}"),
    };

    private static List<Dictionary<string, string[]>> ReadCsv(string[] lines)
    {
        if (lines.Length == 0)
            throw new FormatException("CSV input needs a header row");
        var header = UtteranceCsv.ParseLine(lines[0]);
        var rows = new List<Dictionary<string, string[]>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = UtteranceCsv.ParseLine(line);
            if (cells.Count != header.Count)
                throw new FormatException($"CSV row has {cells.Count} cells, the header {header.Count}");
            var row = new Dictionary<string, string[]>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
                row[header[i]] = [cells[i]]; // vector cells are split once the column type is known
            rows.Add(row);
        }
        return rows;
    }
}
