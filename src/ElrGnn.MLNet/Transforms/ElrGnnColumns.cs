namespace ElrGnn.MLNet.Transforms;

/// <summary>The input columns a trained ELR-GNN model reads.</summary>
/// <param name="ConversationId">Conversation id column.</param>
/// <param name="Turn">Turn column.</param>
/// <param name="Speaker">Speaker column.</param>
/// <param name="Features">Feature vector columns, in the network's modality order.</param>
public sealed record ElrGnnColumns(string ConversationId, string Turn, string Speaker, IReadOnlyList<string> Features);
