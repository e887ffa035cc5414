namespace ElrGnn.MLNet.Graph;

/// <summary>
/// Speaker-relation graph of one conversation (spec §2.2): target i receives from every j with
/// i − p ≤ j ≤ i + f (self included), typed by <see cref="RelationType"/>. Stored as CSR by target:
/// the neighbours of i are <c>Neighbour[RowPtr[i]..RowPtr[i+1]]</c> in ascending order, with their
/// relation codes at the same positions of <see cref="Relation"/>.
/// </summary>
/// <remarks>
/// Positions are utterance indices in turn order, not turn values. The arrays are exposed without
/// copying so they can feed tensors directly; treat them as read-only.
/// </remarks>
public sealed class SpeakerRelationGraph
{
    /// <summary>Number of relation types (5).</summary>
    public const int RelationTypeCount = 5;

    private SpeakerRelationGraph(int nodeCount, int[] rowPtr, int[] neighbour, int[] relation, int[] relationCounts)
    {
        NodeCount = nodeCount;
        RowPtr = rowPtr;
        Neighbour = neighbour;
        Relation = relation;
        RelationCounts = relationCounts;
    }

    /// <summary>Number of utterances N.</summary>
    public int NodeCount { get; }

    /// <summary>Number of edges (self-loops included).</summary>
    public int EdgeCount => Neighbour.Length;

    /// <summary>CSR row pointer by target, length N + 1.</summary>
    public int[] RowPtr { get; }

    /// <summary>Source utterance j of each edge, grouped by target i; length <see cref="EdgeCount"/>.</summary>
    public int[] Neighbour { get; }

    /// <summary>Relation code (<see cref="RelationType"/> as int32) of each edge; length <see cref="EdgeCount"/>.</summary>
    public int[] Relation { get; }

    /// <summary>
    /// |N_r(i)|, the number of neighbours of target i with relation r, row-major N × 5
    /// (index <c>i * RelationTypeCount + r</c>); used to normalise the relational convolution.
    /// </summary>
    public int[] RelationCounts { get; }

    /// <summary>|N_r(i)|: neighbours of <paramref name="target"/> with relation <paramref name="relation"/>.</summary>
    /// <param name="target">Target utterance, 0 ≤ target &lt; N.</param>
    /// <param name="relation">Relation type.</param>
    /// <returns>The count (0 when there are none).</returns>
    public int GetRelationCount(int target, RelationType relation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(target, NodeCount);
        return RelationCounts[target * RelationTypeCount + (int)relation];
    }

    /// <summary>Builds the graph of one conversation.</summary>
    /// <param name="speakerIndex">Speaker id per utterance in turn order (only equality is used).</param>
    /// <param name="pastWindow">Past window p ≥ 0 (default <see cref="GraphDefaults.SpeakerGraphPastWindow"/>).</param>
    /// <param name="futureWindow">Future window f ≥ 0 (default <see cref="GraphDefaults.SpeakerGraphFutureWindow"/>).</param>
    /// <returns>The graph; an empty conversation gives an empty graph.</returns>
    public static SpeakerRelationGraph Build(int[] speakerIndex, int pastWindow = GraphDefaults.SpeakerGraphPastWindow, int futureWindow = GraphDefaults.SpeakerGraphFutureWindow)
    {
        ArgumentNullException.ThrowIfNull(speakerIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(pastWindow);
        ArgumentOutOfRangeException.ThrowIfNegative(futureWindow);
        int n = speakerIndex.Length;

        var rowPtr = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            int lo = Math.Max(0, i - pastWindow);
            int hi = (int)Math.Min(n - 1L, (long)i + futureWindow);
            rowPtr[i + 1] = rowPtr[i] + (hi - lo + 1);
        }

        var neighbour = new int[rowPtr[n]];
        var relation = new int[rowPtr[n]];
        var counts = new int[n * RelationTypeCount];
        for (int i = 0; i < n; i++)
        {
            int lo = Math.Max(0, i - pastWindow);
            int e = rowPtr[i];
            for (int j = lo; e < rowPtr[i + 1]; j++, e++)
            {
                var r = Classify(speakerIndex, i, j);
                neighbour[e] = j;
                relation[e] = (int)r;
                counts[i * RelationTypeCount + (int)r]++;
            }
        }
        return new SpeakerRelationGraph(n, rowPtr, neighbour, relation, counts);
    }

    private static RelationType Classify(int[] speakers, int i, int j)
    {
        if (j == i)
            return RelationType.Self;
        bool same = speakers[j] == speakers[i];
        if (j < i)
            return same ? RelationType.IntraPast : RelationType.InterPast;
        return same ? RelationType.IntraFuture : RelationType.InterFuture;
    }
}
