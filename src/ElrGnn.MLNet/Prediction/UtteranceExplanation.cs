namespace ElrGnn.MLNet.Prediction;

/// <summary>Why one utterance got its emotion: its prediction and the context turns that drove it.</summary>
public sealed class UtteranceExplanation
{
    /// <summary>The explained utterance's turn.</summary>
    public required int Turn { get; init; }

    /// <summary>The explained utterance's speaker.</summary>
    public required string Speaker { get; init; }

    /// <summary>Predicted class index (the <c>Score</c> slot).</summary>
    public required int PredictedClass { get; init; }

    /// <summary>Predicted class name.</summary>
    public required string PredictedLabel { get; init; }

    /// <summary>Probability of the predicted class with the whole conversation as context.</summary>
    public required float Probability { get; init; }

    /// <summary>The top contributing context turns (the utterance's own turn excluded), largest contribution first.</summary>
    public required IReadOnlyList<TurnContribution> TurnContributions { get; init; }
}
