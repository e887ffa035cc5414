namespace ElrGnn.MLNet.Data;

/// <summary>
/// What <see cref="ConversationReader"/> read: conversations in order of first appearance, the
/// label map (class index ↔ name) and the feature layout.
/// </summary>
public sealed class ConversationSet
{
    /// <summary>Creates a set; the lists are taken as they are.</summary>
    public ConversationSet(IReadOnlyList<Conversation> conversations, LabelMap labels,
        IReadOnlyList<string> featureColumnNames, IReadOnlyList<int> featureDimensions, long rowCount)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(featureColumnNames);
        ArgumentNullException.ThrowIfNull(featureDimensions);
        if (featureColumnNames.Count != featureDimensions.Count)
            throw new ArgumentException("One feature dimension per feature column is needed.", nameof(featureDimensions));
        Conversations = conversations;
        Labels = labels;
        FeatureColumnNames = featureColumnNames;
        FeatureDimensions = featureDimensions;
        RowCount = rowCount;
    }

    /// <summary>Conversations in order of their first row; utterances within each ordered by turn.</summary>
    public IReadOnlyList<Conversation> Conversations { get; }

    /// <summary>Class index ↔ name; empty when the data has no labels and no fixed list was given.</summary>
    public LabelMap Labels { get; }

    /// <summary>Class names by class index (same as <see cref="LabelMap.Names"/>).</summary>
    public IReadOnlyList<string> LabelNames => Labels.Names;

    /// <summary>Feature column per modality, in modality order.</summary>
    public IReadOnlyList<string> FeatureColumnNames { get; }

    /// <summary>Feature dimension D_m per modality (0 only when the data had no rows and none was given).</summary>
    public IReadOnlyList<int> FeatureDimensions { get; }

    /// <summary>Number of rows read (= total utterances).</summary>
    public long RowCount { get; }

    /// <summary>
    /// Puts per-utterance results back in input row order: <paramref name="perConversation"/>[c][i]
    /// belongs to utterance i (turn order) of conversation c, and lands at its row position.
    /// </summary>
    /// <returns>An array of <see cref="RowCount"/> values indexed by row position.</returns>
    public T[] ToRowOrder<T>(IReadOnlyList<IReadOnlyList<T>> perConversation)
    {
        ArgumentNullException.ThrowIfNull(perConversation);
        if (perConversation.Count != Conversations.Count)
            throw new ArgumentException($"Expected {Conversations.Count} conversations, got {perConversation.Count}.", nameof(perConversation));
        var result = new T[RowCount];
        for (int c = 0; c < Conversations.Count; c++)
        {
            var conversation = Conversations[c];
            var values = perConversation[c];
            if (values.Count != conversation.Length)
                throw new ArgumentException(
                    $"Conversation '{conversation.Id}' has {conversation.Length} utterances, got {values.Count} values.", nameof(perConversation));
            for (int i = 0; i < values.Count; i++)
                result[conversation.RowIds[i]] = values[i];
        }
        return result;
    }
}
