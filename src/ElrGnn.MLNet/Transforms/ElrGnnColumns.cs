using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>The input columns a trained ELR-GNN model (or the graph precompute, with no features) reads.</summary>
/// <param name="ConversationId">Conversation id column.</param>
/// <param name="Turn">Turn column.</param>
/// <param name="Speaker">Speaker column.</param>
/// <param name="Features">Feature vector columns, in the network's modality order.</param>
public sealed record ElrGnnColumns(string ConversationId, string Turn, string Speaker, IReadOnlyList<string> Features)
{
    /// <summary>
    /// A reader of these columns. With <paramref name="labelColumn"/> null labels are not read (prediction);
    /// otherwise they are required, mapped onto <paramref name="labelNames"/> when given.
    /// </summary>
    internal ConversationReader Reader(string? labelColumn = null, IReadOnlyList<string>? labelNames = null,
        IReadOnlyList<int>? featureDimensions = null) => new(new ConversationReaderOptions
    {
        ConversationIdColumnName = ConversationId,
        TurnColumnName = Turn,
        SpeakerColumnName = Speaker,
        LabelColumnName = labelColumn,
        RequireLabels = labelColumn is not null,
        LabelNames = labelNames,
        FeatureColumnNames = [.. Features],
        FeatureDimensions = featureDimensions?.ToArray(),
    });
}
