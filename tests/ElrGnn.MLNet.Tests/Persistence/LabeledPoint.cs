using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.Persistence;

/// <summary>Input row of the centroid pipeline: a text label and a 2-d feature vector.</summary>
public sealed class LabeledPoint
{
    public string Label { get; set; } = "";

    [VectorType(2)]
    public float[] Features { get; set; } = new float[2];
}
