namespace ElrGnn.WebApi;

/// <summary>The answer of POST /predict: one result per input utterance, in input order.</summary>
internal sealed class PredictResponse
{
    /// <summary>The model version that scored the request (grows with every reload).</summary>
    public int ModelVersion { get; init; }

    /// <summary>The results.</summary>
    public required IReadOnlyList<UtteranceResult> Predictions { get; init; }
}
