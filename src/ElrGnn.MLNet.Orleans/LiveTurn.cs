namespace ElrGnn.MLNet.Orleans;

/// <summary>
/// One turn of a conversation as a service receives it (the JSON of <c>elrgnn predict --input</c> without the
/// conversation id) and as a grain stores it.
/// </summary>
[GenerateSerializer, Alias("ElrGnn.LiveTurn")]
public sealed class LiveTurn
{
    /// <summary>Turn number; null = one after the previous turn (0 for the first). Must grow within a conversation.</summary>
    [Id(0)] public int? Turn { get; set; }

    /// <summary>Speaker name (required: the conversation graph links turns by speaker).</summary>
    [Id(1)] public string Speaker { get; set; } = "";

    /// <summary>Utterance text (required by models that embed text themselves).</summary>
    [Id(2)] public string Text { get; set; } = "";

    /// <summary>Feature vectors by column name (Text, Audio, Visual); required by feature models.</summary>
    [Id(3)] public Dictionary<string, float[]> Features { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The model input row of this turn in conversation <paramref name="conversationId"/>.</summary>
    public ConversationTurnInput ToInput(string conversationId, int turn) => new()
    {
        DialogueId = conversationId,
        Turn = turn,
        Speaker = Speaker,
        Utterance = Text,
        Text = Features.GetValueOrDefault("Text") ?? [],
        Audio = Features.GetValueOrDefault("Audio") ?? [],
        Visual = Features.GetValueOrDefault("Visual") ?? [],
    };
}
