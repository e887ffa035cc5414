namespace ElrGnn.MLNet.Data;

/// <summary>
/// The bookkeeping of one batch of B conversations (no tensors): padded layout [B, T] with
/// T = <see cref="MaxLength"/>, and the packed layout of the block-diagonal batch graph, where
/// member b's utterances are nodes <see cref="NodeOffsets"/>[b] … <see cref="NodeOffsets"/>[b + 1] − 1.
/// </summary>
public sealed class PlannedBatch
{
    /// <summary>Creates a batch from conversation indices and their lengths (each ≥ 1).</summary>
    public PlannedBatch(int[] conversationIndices, int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(conversationIndices);
        ArgumentNullException.ThrowIfNull(lengths);
        if (conversationIndices.Length != lengths.Length || lengths.Length == 0)
            throw new ArgumentException("A batch needs at least one conversation and one length per conversation.", nameof(lengths));
        if (lengths.Any(n => n < 1))
            throw new ArgumentException("Every conversation in a batch needs at least one utterance.", nameof(lengths));

        ConversationIndices = conversationIndices;
        Lengths = lengths;
        MaxLength = lengths.Max();
        NodeOffsets = new int[lengths.Length + 1];
        Mask = new bool[lengths.Length * MaxLength];
        for (int b = 0; b < lengths.Length; b++)
        {
            NodeOffsets[b + 1] = NodeOffsets[b] + lengths[b];
            Array.Fill(Mask, true, b * MaxLength, lengths[b]);
        }
        TotalNodes = NodeOffsets[^1];
        PaddedIndexOfNode = new int[TotalNodes];
        for (int b = 0; b < lengths.Length; b++)
            for (int t = 0; t < lengths[b]; t++)
                PaddedIndexOfNode[NodeOffsets[b] + t] = b * MaxLength + t;
    }

    /// <summary>Number of conversations B in this batch.</summary>
    public int Count => Lengths.Length;

    /// <summary>Index of each batch member in the list the plan was made from.</summary>
    public int[] ConversationIndices { get; }

    /// <summary>Utterances per batch member.</summary>
    public int[] Lengths { get; }

    /// <summary>Padded length T = longest member.</summary>
    public int MaxLength { get; }

    /// <summary>
    /// B + 1 node offsets of the block-diagonal batch graph: member b owns nodes
    /// [NodeOffsets[b], NodeOffsets[b + 1]); the last entry is <see cref="TotalNodes"/>.
    /// </summary>
    public int[] NodeOffsets { get; }

    /// <summary>Nodes in the batch graph = sum of <see cref="Lengths"/>.</summary>
    public int TotalNodes { get; }

    /// <summary>Row-major [B, T] mask: true at real utterances, false at padding.</summary>
    public bool[] Mask { get; }

    /// <summary>For each packed node, its row-major position b·T + t in the padded [B, T] layout.</summary>
    public int[] PaddedIndexOfNode { get; }

    /// <summary>The node index of utterance <paramref name="t"/> of member <paramref name="b"/>.</summary>
    public int NodeIndex(int b, int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t, Lengths[b]);
        return NodeOffsets[b] + t;
    }
}
