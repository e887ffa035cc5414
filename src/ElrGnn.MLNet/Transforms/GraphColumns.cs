namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// The columns <see cref="ConversationGraphTransformer"/> appends: for each utterance, the turns of the
/// utterances its precomputed propagation row Π_i keeps (top-k) and their weights.
/// </summary>
public static class GraphColumns
{
    /// <summary>Variable-length int32 vector: turn values of the kept neighbours, ascending by position.</summary>
    public const string NeighborTurns = "GfpNeighborTurns";

    /// <summary>Variable-length float vector: Π_ij for each kept neighbour, in the same order.</summary>
    public const string Weights = "GfpWeights";

    /// <summary>Annotation on <see cref="Weights"/> holding the graph options as JSON, so later components
    /// (the trainer, for a validation set) can run the identical precompute.</summary>
    public const string OptionsAnnotation = "ElrGnn.GraphOptions";
}
