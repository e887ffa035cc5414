namespace ElrGnn.MLNet.Prediction.Streaming;

/// <summary>
/// The outcome of one incremental turn for one stream, not yet committed to its <see cref="StreamCache"/>: the newest
/// turn's probabilities, what the cache gains, and the work it took.
/// </summary>
internal sealed class StreamStep
{
    /// <summary>Softmax probabilities of the newest turn (C).</summary>
    public required float[] Probabilities { get; init; }

    /// <summary>The turn scored.</summary>
    public required StreamTurn Turn { get; init; }

    /// <summary>Per Bi-LSTM, the turn's projected input e_t.</summary>
    public required float[][] Inputs { get; init; }

    /// <summary>Per Bi-LSTM, the turn's forward output →h_t.</summary>
    public required float[][] ForwardOutputs { get; init; }

    /// <summary>Per Bi-LSTM, the forward hidden state after the turn.</summary>
    public required float[][] H { get; init; }

    /// <summary>Per Bi-LSTM, the forward cell state after the turn.</summary>
    public required float[][] C { get; init; }

    /// <summary>The work this turn took.</summary>
    public required StreamWork Work { get; init; }

    /// <summary>Adds the turn to <paramref name="cache"/>.</summary>
    public void CommitTo(StreamCache cache) => cache.Append(Turn.ConversationId, Turn.Turn, Turn.Speaker, Inputs, ForwardOutputs, H, C);
}
