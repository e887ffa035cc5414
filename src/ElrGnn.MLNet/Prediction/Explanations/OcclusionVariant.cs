namespace ElrGnn.MLNet.Prediction.Explanations;

/// <summary>
/// One occluded copy of a conversation to score: the conversation without one turn (an off-diagonal column of the
/// contribution matrix) or with one turn's content blanked (the diagonal).
/// </summary>
/// <param name="Conversation">Index of the conversation in the explained set.</param>
/// <param name="Position">Position (0-based, turn order) of the occluded turn.</param>
/// <param name="RemovesTurn">True: the turn is left out; false: it stays in the graph with all-zero features.</param>
internal readonly record struct OcclusionVariant(int Conversation, int Position, bool RemovesTurn)
{
    /// <summary>Utterances the variant has, for a conversation of <paramref name="length"/> utterances.</summary>
    public int Length(int length) => RemovesTurn ? length - 1 : length;
}
