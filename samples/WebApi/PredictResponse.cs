using ElrGnn.MLNet.Orleans;
using ElrGnn.MLNet.Prediction;

namespace ElrGnn.WebApi;

/// <summary>The answer of POST /predict: one result per input utterance, in input order.</summary>
internal sealed class PredictResponse
{
    /// <summary>The model version that scored the request (grows with every reload).</summary>
    public int ModelVersion { get; init; }

    /// <summary>The results.</summary>
    public required IReadOnlyList<UtteranceResult> Predictions { get; init; }
}

/// <summary>One utterance's emotion and, when available, the context turns that drove it.</summary>
internal sealed class UtteranceResult
{
    /// <summary>The emotion and probabilities.</summary>
    public required TurnPrediction Prediction { get; init; }

    /// <summary>Top contributing context turns (from ConversationPredictor.Explain); absent until explanations exist.</summary>
    public IReadOnlyList<TurnContribution>? Context { get; init; }
}
