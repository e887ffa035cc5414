using System.Globalization;
using System.Text.Json;
using ElrGnn.MLNet.Data;

namespace ElrGnn.Cli.Data;

/// <summary>
/// Reads the utterances of <c>elrgnn predict --input</c>: a CSV in the utterances.csv layout (label and split optional),
/// or a JSON array of objects <c>{"dialogue_id", "turn", "speaker", "text"}</c> with optional feature vectors, either in a
/// <c>"features": {"Text": [...], "Audio": [...], "Visual": [...]}</c> object or as top-level arrays named after the
/// feature columns. "turn" may be left out: utterances are then numbered in file order within their dialogue.
/// </summary>
internal static class PredictionInput
{
    /// <summary>Reads <paramref name="path"/> (.json = JSON; a folder or anything else = CSV).</summary>
    /// <exception cref="FileNotFoundException">Nothing at <paramref name="path"/>.</exception>
    /// <exception cref="FormatException">The JSON is not in the expected shape; the message names the item.</exception>
    public static IReadOnlyList<InputRow> Read(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException($"No input file at '{path}'.", path);
        var rows = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase) ? ReadJson(path) : ReadCsv(path);
        if (rows.Count == 0)
            throw new FormatException($"'{path}' holds no utterances.");
        return rows;
    }

    private static List<InputRow> ReadCsv(string path) =>
        UtteranceCsv.Read(path).Select(r => new InputRow
        {
            DialogueId = r.DialogueId,
            Turn = r.Turn,
            Speaker = r.Speaker,
            Label = r.Label,
            Utterance = r.Utterance,
        }).ToList();

    private static List<InputRow> ReadJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true });
        if (document.RootElement.ValueKind != JsonValueKind.Array)
            throw new FormatException($"'{path}' must hold a JSON array of utterance objects.");
        var rows = new List<InputRow>();
        var nextTurn = new Dictionary<string, int>(StringComparer.Ordinal);
        int index = 0;
        foreach (var item in document.RootElement.EnumerateArray())
        {
            string where = $"'{path}' item {index++}";
            if (item.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{where} is not an object.");
            var row = new InputRow();
            int? turn = null;
            foreach (var property in item.EnumerateObject())
            {
                switch (Normalize(property.Name))
                {
                    case "dialogueid" or "conversationid":
                        row.DialogueId = Scalar(property.Value, where, property.Name);
                        break;
                    case "turn":
                        turn = property.Value.TryGetInt32(out int t) ? t : throw new FormatException($"{where}: \"{property.Name}\" must be an integer.");
                        break;
                    case "speaker":
                        row.Speaker = Scalar(property.Value, where, property.Name);
                        break;
                    case "text" or "utterance" when property.Value.ValueKind == JsonValueKind.String:
                        row.Utterance = property.Value.GetString() ?? "";
                        break;
                    case "label" or "labelname":
                        row.Label = Scalar(property.Value, where, property.Name);
                        break;
                    case "features" when property.Value.ValueKind == JsonValueKind.Object:
                        foreach (var feature in property.Value.EnumerateObject())
                            SetFeature(row, feature, where);
                        break;
                    default:
                        if (property.Value.ValueKind == JsonValueKind.Array)
                            SetFeature(row, property, where);
                        break; // other properties are ignored
                }
            }
            if (row.DialogueId.Length == 0)
                throw new FormatException($"{where} has no \"dialogue_id\".");
            if (row.Speaker.Length == 0)
                throw new FormatException($"{where} has no \"speaker\" (the conversation graph needs it).");
            row.Turn = turn ?? nextTurn.GetValueOrDefault(row.DialogueId);
            nextTurn[row.DialogueId] = row.Turn + 1;
            rows.Add(row);
        }
        return rows;
    }

    private static void SetFeature(InputRow row, JsonProperty property, string where)
    {
        if (property.Value.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{where}: feature \"{property.Name}\" must be an array of numbers.");
        var values = new float[property.Value.GetArrayLength()];
        int i = 0;
        foreach (var element in property.Value.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Number)
                throw new FormatException($"{where}: feature \"{property.Name}\" must hold numbers only.");
            values[i++] = element.GetSingle();
        }
        if (!row.SetFeature(property.Name, values))
            throw new FormatException($"{where}: unknown feature \"{property.Name}\"; feature vectors are Text, Audio and Visual.");
    }

    private static string Scalar(JsonElement value, string where, string name) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.GetRawText(),
        _ => throw new FormatException($"{where}: \"{name}\" must be a string or a number."),
    };

    // dialogue_id, dialogueId and DialogueId all name the same field.
    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLower(CultureInfo.InvariantCulture);
}
