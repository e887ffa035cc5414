namespace ElrGnn.Cli.Bench.Serving;

/// <summary>One turn of the synthetic conversation fed to <c>ConversationStream</c> (the column names the CLI's models read).</summary>
internal sealed class StreamTurn
{
    /// <summary>Conversation id.</summary>
    public string DialogueId { get; set; } = "";

    /// <summary>Turn number.</summary>
    public int Turn { get; set; }

    /// <summary>Speaker name.</summary>
    public string Speaker { get; set; } = "";

    /// <summary>Text features.</summary>
    public float[] Text { get; set; } = [];

    /// <summary>Audio features.</summary>
    public float[] Audio { get; set; } = [];

    /// <summary>Visual features.</summary>
    public float[] Visual { get; set; } = [];
}

/// <summary>What the stream returns for a turn.</summary>
internal sealed class StreamScore
{
    /// <summary>Class probabilities.</summary>
    public float[] Score { get; set; } = [];
}
