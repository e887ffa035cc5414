namespace ElrGnn.MLNet.Data;

/// <summary>
/// Column names and checks for <see cref="ConversationReader"/>. The defaults match
/// <see cref="ConversationColumns"/>, so a table that uses those names needs no configuration.
/// </summary>
public sealed class ConversationReaderOptions
{
    /// <summary>
    /// Conversation id column: text, any integer type, or a key (its key value names are used
    /// when present). Default <see cref="ConversationColumns.ConversationId"/> ("DialogueId").
    /// </summary>
    public string ConversationIdColumnName = ConversationColumns.ConversationId;

    /// <summary>
    /// Turn column: any integer type, or a float/double holding a whole number. Only the order of
    /// turns matters; gaps are allowed (MELD's utterance ids have them), duplicates are not.
    /// Default <see cref="ConversationColumns.Turn"/> ("Turn").
    /// </summary>
    public string TurnColumnName = ConversationColumns.Turn;

    /// <summary>
    /// Speaker column: text (integers and keys are also accepted and turned into text).
    /// Default <see cref="ConversationColumns.Speaker"/> ("Speaker").
    /// </summary>
    public string SpeakerColumnName = ConversationColumns.Speaker;

    /// <summary>
    /// Label column: text, a key with text key values, or a key without key values (class index =
    /// key − 1). <see langword="null"/> = the data has no labels (every label is −1).
    /// Default <see cref="ConversationColumns.Label"/> ("Label").
    /// </summary>
    public string? LabelColumnName = ConversationColumns.Label;

    /// <summary>
    /// Feature columns, one per modality, in modality order: fixed- or variable-size vectors of
    /// float or double, or scalar float/double (size 1). Default Text, Audio, Visual
    /// (<see cref="ConversationColumns"/>). At least one column.
    /// </summary>
    public string[] FeatureColumnNames = [ConversationColumns.Text, ConversationColumns.Audio, ConversationColumns.Visual];

    /// <summary>
    /// Expected dimension per feature column (same order as <see cref="FeatureColumnNames"/>;
    /// each ≥ 1). <see langword="null"/> (default) = take it from the schema for fixed-size columns
    /// and from the first row for variable-size ones.
    /// </summary>
    public int[]? FeatureDimensions;

    /// <summary>
    /// When true (default) every row needs a label: a missing label column, an empty label or (with
    /// <see cref="LabelNames"/>) an unknown label is an error. When false those rows get label −1.
    /// </summary>
    public bool RequireLabels = true;

    /// <summary>
    /// Fixed class list (class index → name), e.g. the names learnt at training time.
    /// <see langword="null"/> (default) = derive it from the data: a key column's key values, or
    /// the distinct text labels sorted ordinally (so row order does not change class indices).
    /// </summary>
    public IReadOnlyList<string>? LabelNames;

    /// <summary>
    /// Conversation ids that must be present (e.g. a split list); a missing one is an error.
    /// <see langword="null"/> (default) = no such check.
    /// </summary>
    public IReadOnlyCollection<string>? ExpectedConversations;
}
