using System.Globalization;
using ElrGnn.MLNet.Hosting;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Orleans;

/// <summary>Checks a turn against what the model reads before it is scored, so a bad turn names its field.</summary>
public static class TurnValidation
{
    /// <summary>
    /// The first problem of <paramref name="turn"/> (turn <paramref name="turnNumber"/> of <paramref name="conversationId"/>)
    /// for a model with <paramref name="info"/>, or null when it can be scored.
    /// </summary>
    public static TurnProblem? Check(string conversationId, int turnNumber, LiveTurn turn, ConversationModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(info);
        string where = $"conversation '{conversationId}' turn {turnNumber.ToString(CultureInfo.InvariantCulture)}";
        if (string.IsNullOrWhiteSpace(turn.Speaker))
            return new TurnProblem("speaker", $"{where}: \"speaker\" is required (the conversation graph links turns by speaker).", turnNumber);
        foreach (var (name, size) in info.RawFeatures)
        {
            var values = turn.Features.GetValueOrDefault(name);
            if (values is null || values.Length != size)
            {
                return new TurnProblem($"features.{name}", $"{where}: the model reads \"features\".\"{name}\" as {size} numbers; " +
                    $"this turn has {(values is null ? "none" : values.Length.ToString(CultureInfo.InvariantCulture))}.", turnNumber);
            }
            int bad = Array.FindIndex(values, v => !float.IsFinite(v));
            if (bad >= 0)
                return new TurnProblem($"features.{name}", $"{where}: \"features\".\"{name}\"[{bad}] is not a finite number.", turnNumber);
        }
        if (info.ComputesFeatures && string.IsNullOrWhiteSpace(turn.Text))
            return new TurnProblem("text", $"{where}: the model embeds the utterance text, and \"text\" is empty.", turnNumber);
        return null;
    }

    /// <summary>
    /// Fills vector columns of the model's input schema that the row leaves empty with zeros (columns the network
    /// does not read, e.g. a modality left out in training), so the row fits the schema.
    /// </summary>
    public static ConversationTurnInput FitToSchema(ConversationTurnInput row, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(inputSchema);
        row.Text = Fill(row.Text, inputSchema, nameof(row.Text));
        row.Audio = Fill(row.Audio, inputSchema, nameof(row.Audio));
        row.Visual = Fill(row.Visual, inputSchema, nameof(row.Visual));
        return row;
    }

    private static float[] Fill(float[] values, DataViewSchema schema, string column) =>
        values.Length == 0 && schema.GetColumnOrNull(column) is { Type: VectorDataViewType { Size: > 0 } vector } ? new float[vector.Size] : values;
}
