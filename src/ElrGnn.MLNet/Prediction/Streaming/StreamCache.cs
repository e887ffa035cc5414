namespace ElrGnn.MLNet.Prediction.Streaming;

/// <summary>
/// What one stream keeps between turns for the incremental path: the conversation id, turns and speakers, and per
/// Bi-LSTM the projected input e_i and forward output →h_i of every turn plus the forward (h, c) state after the last
/// turn. Forward outputs of earlier turns never change, so they are computed once; the backward direction is
/// recomputed over a short suffix each turn. Kept as C# arrays (no native memory per turn). Not thread-safe: the
/// owning stream serialises access.
/// </summary>
internal sealed class StreamCache
{
    private readonly Dictionary<string, int> _speakerIndex = new(StringComparer.Ordinal);

    /// <summary>Creates an empty cache for <paramref name="lstmCount"/> Bi-LSTMs.</summary>
    public StreamCache(int lstmCount)
    {
        Inputs = Enumerable.Range(0, lstmCount).Select(_ => new List<float[]>()).ToArray();
        ForwardOutputs = Enumerable.Range(0, lstmCount).Select(_ => new List<float[]>()).ToArray();
        ForwardH = new float[lstmCount][];
        ForwardC = new float[lstmCount][];
    }

    /// <summary>The conversation id (null before the first turn).</summary>
    public string? ConversationId { get; private set; }

    /// <summary>Turn values so far, ascending.</summary>
    public List<int> Turns { get; } = [];

    /// <summary>Local speaker index per turn (first appearance order, as <c>Conversation.SpeakerIndex</c>).</summary>
    public List<int> SpeakerIndex { get; } = [];

    /// <summary>Per Bi-LSTM, the projected input e_i of every turn.</summary>
    public List<float[]>[] Inputs { get; }

    /// <summary>Per Bi-LSTM, the forward output →h_i of every turn.</summary>
    public List<float[]>[] ForwardOutputs { get; }

    /// <summary>Per Bi-LSTM, the forward hidden state after the last turn (null before the first).</summary>
    public float[]?[] ForwardH { get; }

    /// <summary>Per Bi-LSTM, the forward cell state after the last turn (null before the first).</summary>
    public float[]?[] ForwardC { get; }

    /// <summary>Number of turns cached.</summary>
    public int Count => Turns.Count;

    /// <summary>The local speaker index <paramref name="speaker"/> has or would get.</summary>
    public int SpeakerIndexOf(string speaker) => _speakerIndex.TryGetValue(speaker, out int k) ? k : _speakerIndex.Count;

    /// <summary>Appends one scored turn (called only after the whole step succeeded).</summary>
    public void Append(string conversationId, int turn, string speaker, float[][] inputs, float[][] forwardOutputs, float[][] h, float[][] c)
    {
        ConversationId ??= conversationId;
        Turns.Add(turn);
        if (!_speakerIndex.TryGetValue(speaker, out int k))
            _speakerIndex.Add(speaker, k = _speakerIndex.Count);
        SpeakerIndex.Add(k);
        for (int l = 0; l < Inputs.Length; l++)
        {
            Inputs[l].Add(inputs[l]);
            ForwardOutputs[l].Add(forwardOutputs[l]);
            ForwardH[l] = h[l];
            ForwardC[l] = c[l];
        }
    }
}
