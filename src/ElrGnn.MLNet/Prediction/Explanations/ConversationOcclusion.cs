using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Prediction.Explanations;

/// <summary>Builds the occluded copies of a conversation that <see cref="TurnContributions"/> scores.</summary>
internal static class ConversationOcclusion
{
    /// <summary>The conversation without the utterance at <paramref name="position"/> (needs ≥ 2 utterances).
    /// Speakers are re-indexed by first appearance, as for any conversation, so Π is rebuilt for the shorter one.</summary>
    public static Conversation WithoutTurn(Conversation conversation, int position)
    {
        int n = conversation.Length;
        var features = new float[conversation.Features.Length][];
        for (int m = 0; m < features.Length; m++)
        {
            var source = conversation.Features[m];
            int d = source.Length / n;
            var target = new float[(n - 1) * d];
            source.AsSpan(0, position * d).CopyTo(target);
            source.AsSpan((position + 1) * d).CopyTo(target.AsSpan(position * d));
            features[m] = target;
        }
        return new Conversation(conversation.Id, Remove(conversation.Turns, position), Remove(conversation.Speakers, position),
            Remove(conversation.Labels, position), features, Remove(conversation.RowIds, position));
    }

    /// <summary>The utterance at <paramref name="position"/> as a conversation of its own (no context).</summary>
    public static Conversation Alone(Conversation conversation, int position)
    {
        int n = conversation.Length;
        var features = conversation.Features.Select(f => f.AsSpan(position * (f.Length / n), f.Length / n).ToArray()).ToArray();
        return new Conversation(conversation.Id, [conversation.Turns[position]], [conversation.Speakers[position]],
            [conversation.Labels[position]], features, [conversation.RowIds[position]]);
    }

    private static T[] Remove<T>(T[] values, int position) => [.. values.AsSpan(0, position), .. values.AsSpan(position + 1)];
}
