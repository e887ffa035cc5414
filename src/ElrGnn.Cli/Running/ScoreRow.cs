namespace ElrGnn.Cli.Running;

/// <summary>What the CLI reads back from a conversation predictor: the class probabilities.</summary>
internal sealed class ScoreRow
{
    /// <summary>Softmax probabilities, one per class (Score slot order).</summary>
    public float[] Score { get; set; } = [];
}
