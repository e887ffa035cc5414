namespace ElrGnn.MLNet.Prediction;

/// <summary>
/// How much one turn of the conversation moved an utterance's prediction: the change in the predicted class's
/// probability that the turn accounts for (positive: the turn supports the prediction; negative: it argues against).
/// The turn-level counterpart of ML.NET's feature contributions.
/// </summary>
/// <param name="Turn">The contributing turn (as in the input's turn column).</param>
/// <param name="Speaker">That turn's speaker.</param>
/// <param name="Contribution">Signed contribution, in probability units of the predicted class.</param>
public sealed record TurnContribution(int Turn, string Speaker, float Contribution);
