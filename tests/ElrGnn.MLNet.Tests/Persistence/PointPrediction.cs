namespace ElrGnn.MLNet.Tests.Persistence;

/// <summary>Output row of the centroid pipeline (after MapKeyToValue on PredictedLabel).</summary>
public sealed class PointPrediction
{
    public float[] Score { get; set; } = [];

    public string PredictedLabel { get; set; } = "";
}
