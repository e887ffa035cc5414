namespace ElrGnn.MLNet.Tests.Pipeline;

/// <summary>What a user reads back from the ELR-GNN pipeline (after MapKeyToValue).</summary>
public sealed class UtterancePrediction
{
    public string DialogueId { get; set; } = "";

    public int Turn { get; set; }

    public string PredictedLabel { get; set; } = "";

    public float[] Score { get; set; } = [];
}
