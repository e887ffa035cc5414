using ElrGnn.MLNet.Orleans;
using ElrGnn.MLNet.Prediction;

namespace ElrGnn.WebApi;

/// <summary>One utterance's emotion and, when available, the context turns that drove it.</summary>
internal sealed class UtteranceResult
{
    /// <summary>The emotion and probabilities.</summary>
    public required TurnPrediction Prediction { get; init; }

    /// <summary>Top contributing context turns (from ConversationPredictor.Explain); absent until explanations exist.</summary>
    public IReadOnlyList<TurnContribution>? Context { get; init; }
}
