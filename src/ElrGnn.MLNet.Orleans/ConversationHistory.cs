namespace ElrGnn.MLNet.Orleans;

/// <summary>A conversation grain's persisted state: the turns so far, oldest first, with their turn numbers set.</summary>
[GenerateSerializer, Alias("ElrGnn.ConversationHistory")]
public sealed class ConversationHistory
{
    /// <summary>The turns.</summary>
    [Id(0)] public List<LiveTurn> Turns { get; set; } = [];
}
