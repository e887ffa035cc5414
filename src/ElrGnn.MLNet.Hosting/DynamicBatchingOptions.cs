namespace ElrGnn.MLNet.Hosting;

/// <summary>Settings of the <see cref="ConversationTurnBatcher{TInput,TOutput}"/> (Triton's dynamic batcher, for live turns).</summary>
public sealed class DynamicBatchingOptions
{
    /// <summary>
    /// How long the first turn of a batch waits for others before the batch runs; ≥ 0 (0: run what is queued at once).
    /// Default 2 ms.
    /// </summary>
    public TimeSpan MaxQueueDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Most turns scored together; ≥ 1. Default 64.</summary>
    public int MaxBatchSize { get; set; } = 64;
}
