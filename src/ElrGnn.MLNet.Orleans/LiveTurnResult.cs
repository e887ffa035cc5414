namespace ElrGnn.MLNet.Orleans;

/// <summary>The answer of a conversation grain to a new turn: a prediction, or the problem that refused the turn.</summary>
[GenerateSerializer, Alias("ElrGnn.LiveTurnResult")]
public sealed class LiveTurnResult
{
    /// <summary>The newest turn's emotion given the turns so far; null when refused.</summary>
    [Id(0)] public TurnPrediction? Prediction { get; set; }

    /// <summary>Why the turn was refused; null when accepted. The conversation is then unchanged.</summary>
    [Id(1)] public TurnProblem? Problem { get; set; }
}
