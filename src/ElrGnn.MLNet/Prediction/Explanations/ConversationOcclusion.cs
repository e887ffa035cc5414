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

    /// <summary>
    /// The conversation with the utterance at <paramref name="position"/> saying nothing: all its feature values zero
    /// (the usual occlusion baseline), its turn and speaker kept, so the graph is unchanged.
    /// </summary>
    public static Conversation WithoutContent(Conversation conversation, int position)
    {
        int n = conversation.Length;
        var features = new float[conversation.Features.Length][];
        for (int m = 0; m < features.Length; m++)
        {
            var copy = (float[])conversation.Features[m].Clone();
            int d = copy.Length / n;
            copy.AsSpan(position * d, d).Clear();
            features[m] = copy;
        }
        return new Conversation(conversation.Id, conversation.Turns, conversation.Speakers, conversation.Labels, features, conversation.RowIds);
    }

    private static T[] Remove<T>(T[] values, int position) => [.. values.AsSpan(0, position), .. values.AsSpan(position + 1)];
}
