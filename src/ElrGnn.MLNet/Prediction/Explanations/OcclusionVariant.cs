namespace ElrGnn.MLNet.Prediction.Explanations;

/// <summary>One occluded copy of a conversation to score: the conversation without one turn (a column of the
/// contribution matrix).</summary>
/// <param name="Conversation">Index of the conversation in the explained set.</param>
/// <param name="Position">Position (0-based, turn order) of the left-out turn.</param>
internal readonly record struct OcclusionVariant(int Conversation, int Position);
