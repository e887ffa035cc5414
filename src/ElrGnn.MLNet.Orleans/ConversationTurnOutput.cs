namespace ElrGnn.MLNet.Orleans;

/// <summary>The model output row a service reads: the class probabilities (slot = class id).</summary>
public sealed class ConversationTurnOutput
{
    /// <summary>Probability of each class, in the model's label order.</summary>
    public float[] Score { get; set; } = [];
}
