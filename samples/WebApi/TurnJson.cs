using System.Globalization;
using System.Text.Json;
using ElrGnn.MLNet.Orleans;

namespace ElrGnn.WebApi;

/// <summary>
/// Reads request turns: the JSON of <c>elrgnn predict --input</c>, objects <c>{"dialogue_id", "turn", "speaker", "text"}</c>
/// with optional <c>"features": {"Text": [...], "Audio": [...], "Visual": [...]}</c> (or those arrays at top level); a
/// live turn is one such object without the id. Field names match in any case, with or without underscores.
/// </summary>
internal static class TurnJson
{
    /// <summary>One parsed request turn with its conversation id (null for a live turn).</summary>
    public sealed record Item(string? ConversationId, LiveTurn Turn);

    /// <summary>Reads one turn object; <paramref name="problem"/> names the field when it is malformed.</summary>
    /// <param name="element">The object.</param>
    /// <param name="where">Where it is, for messages ("item 3", "conversation 'x'").</param>
    /// <param name="needsId">True for whole conversations (the object must carry its dialogue id).</param>
    public static Item? Read(JsonElement element, string where, bool needsId, out TurnProblem? problem)
    {
        problem = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = new TurnProblem("body", $"{where} must be a JSON object.");
            return null;
        }
        string? id = null;
        var turn = new LiveTurn();
        foreach (var property in element.EnumerateObject())
        {
            string name = property.Name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
            problem = name switch
            {
                "dialogueid" or "conversationid" => Scalar(property, where, v => id = v),
                "turn" => property.Value.TryGetInt32(out int t)
                    ? Set(() => turn.Turn = t)
                    : new TurnProblem("turn", $"{where}: \"{property.Name}\" must be an integer."),
                "speaker" => Scalar(property, where, v => turn.Speaker = v),
                "text" or "utterance" when property.Value.ValueKind == JsonValueKind.String => Set(() => turn.Text = property.Value.GetString() ?? ""),
                "features" => property.Value.ValueKind == JsonValueKind.Object
                    ? property.Value.EnumerateObject().Select(f => Feature(turn, f, where)).FirstOrDefault(p => p is not null)
                    : new TurnProblem("features", $"{where}: \"features\" must be an object of number arrays."),
                _ when property.Value.ValueKind == JsonValueKind.Array => Feature(turn, property, where),
                _ => null, // other properties are ignored, as by elrgnn predict
            };
            if (problem is not null)
                return null;
        }
        string at = turn.Turn is { } n ? $"{where} (turn {n.ToString(CultureInfo.InvariantCulture)})" : where;
        if (needsId && string.IsNullOrEmpty(id))
            problem = new TurnProblem("dialogue_id", $"{at} has no \"dialogue_id\".");
        else if (string.IsNullOrWhiteSpace(turn.Speaker))
            problem = new TurnProblem("speaker", $"{(id is null ? at : $"conversation '{id}' {at}")} has no \"speaker\" (the conversation graph needs it).");
        return problem is null ? new Item(id, turn) : null;
    }

    private static TurnProblem? Set(Action set)
    {
        set();
        return null;
    }

    private static TurnProblem? Scalar(JsonProperty property, string where, Action<string> set)
    {
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.String: set(property.Value.GetString() ?? ""); return null;
            case JsonValueKind.Number: set(property.Value.GetRawText()); return null;
            default: return new TurnProblem(Field(property.Name), $"{where}: \"{property.Name}\" must be a string or a number.");
        }
    }

    private static TurnProblem? Feature(LiveTurn turn, JsonProperty property, string where)
    {
        string field = $"features.{property.Name}";
        if (!new[] { "Text", "Audio", "Visual" }.Any(n => n.Equals(property.Name, StringComparison.OrdinalIgnoreCase)))
            return new TurnProblem(field, $"{where}: unknown feature \"{property.Name}\"; feature vectors are Text, Audio and Visual.");
        if (property.Value.ValueKind != JsonValueKind.Array)
            return new TurnProblem(field, $"{where}: feature \"{property.Name}\" must be an array of numbers.");
        var values = new float[property.Value.GetArrayLength()];
        int i = 0;
        foreach (var element in property.Value.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetSingle(out values[i]))
                return new TurnProblem(field, $"{where}: feature \"{property.Name}\"[{i}] is not a number.");
            i++;
        }
        turn.Features[property.Name] = values;
        return null;
    }

    private static string Field(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "dialogueid" or "conversationid" => "dialogue_id",
        var other => other,
    };
}
