namespace ElrGnn.MLNet.Orleans;

/// <summary>Settings of the conversation grains of a silo.</summary>
public sealed class LiveConversationOptions
{
    /// <summary>The pool model the grains score with. Default: the pool's default model ("").</summary>
    public string ModelName { get; set; } = "";
}
