namespace ElrGnn.MLNet.Graph;

/// <summary>
/// Block-diagonal edge list of the speaker-relation graphs of a batch (COO, int32), built by
/// <see cref="SpeakerRelationGraph.Concatenate"/>. Edge e carries a message from
/// <see cref="Source"/>[e] = j to <see cref="Target"/>[e] = i; node ids are batch-global.
/// </summary>
/// <remarks>Arrays are exposed without copying so they can feed tensors directly; treat them as read-only.</remarks>
public sealed class RelationEdgeList
{
    internal RelationEdgeList(int[] source, int[] target, int[] relation, int[] targetRelationCount, int[] nodeOffsets)
    {
        Source = source;
        Target = target;
        Relation = relation;
        TargetRelationCount = targetRelationCount;
        NodeOffsets = nodeOffsets;
    }

    /// <summary>Number of edges E.</summary>
    public int EdgeCount => Source.Length;

    /// <summary>Total number of nodes in the batch (sum of N).</summary>
    public int NodeCount => NodeOffsets[^1];

    /// <summary>Source node j of each edge, shape (E).</summary>
    public int[] Source { get; }

    /// <summary>Target node i of each edge, shape (E); edges are grouped by target in ascending order.</summary>
    public int[] Target { get; }

    /// <summary>Relation code (<see cref="RelationType"/> as int32) of each edge, shape (E).</summary>
    public int[] Relation { get; }

    /// <summary>|N_r(i)| for each edge's target i and relation r, shape (E); always ≥ 1.</summary>
    public int[] TargetRelationCount { get; }

    /// <summary>First node of each conversation, length G + 1 (the last entry is <see cref="NodeCount"/>).</summary>
    public int[] NodeOffsets { get; }
}
