using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Π of every conversation of one input, as computed by <see cref="ConversationGraphTransformer"/>: the CSR
/// matrices themselves (what the model step needs, handed over as they are) plus a row map, so the public
/// per-utterance columns <see cref="GraphColumns.NeighborTurns"/> and <see cref="GraphColumns.Weights"/> are served
/// straight from the matrices without flattening them into per-row arrays.
/// </summary>
internal sealed class PropagationTable
{
    private readonly ConversationSet _set;
    private readonly int[] _rowConversation;
    private readonly int[] _rowUtterance;

    /// <summary>Pairs conversations with their Π (same order, one row per utterance).</summary>
    public PropagationTable(ConversationSet set, IReadOnlyList<SparseRows> graphs)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(graphs);
        if (graphs.Count != set.Conversations.Count)
            throw new ArgumentException($"{graphs.Count} graphs for {set.Conversations.Count} conversations.", nameof(graphs));
        _set = set;
        Graphs = graphs;
        _rowConversation = new int[set.RowCount];
        _rowUtterance = new int[set.RowCount];
        for (int c = 0; c < set.Conversations.Count; c++)
        {
            var rows = set.Conversations[c].RowIds;
            if (graphs[c].NodeCount != rows.Length)
                throw new ArgumentException($"Conversation '{set.Conversations[c].Id}' has {rows.Length} utterances but its Π has {graphs[c].NodeCount} rows.", nameof(graphs));
            for (int i = 0; i < rows.Length; i++)
                (_rowConversation[rows[i]], _rowUtterance[rows[i]]) = (c, i);
        }
    }

    /// <summary>Π per conversation, in the order of the conversation set it was computed for.</summary>
    public IReadOnlyList<SparseRows> Graphs { get; }

    /// <summary>Number of input rows.</summary>
    public int RowCount => _rowConversation.Length;

    /// <summary>
    /// Π for <paramref name="other"/>'s conversations when they are the ones this table was computed for (same ids,
    /// same rows in the same turn order, as when the model step reads the view the graph step produced); otherwise
    /// null. Costs one comparison per row, no allocation.
    /// </summary>
    public IReadOnlyList<SparseRows>? MatchTo(ConversationSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.RowCount != _set.RowCount || other.Conversations.Count != _set.Conversations.Count)
            return null;
        for (int c = 0; c < other.Conversations.Count; c++)
        {
            Conversation mine = _set.Conversations[c], theirs = other.Conversations[c];
            if (!string.Equals(mine.Id, theirs.Id, StringComparison.Ordinal) || !mine.RowIds.AsSpan().SequenceEqual(theirs.RowIds))
                return null;
        }
        return Graphs;
    }

    /// <summary>The kept neighbours of the utterance at <paramref name="row"/>: its conversation's turns and Π row.</summary>
    internal (int[] Turns, SparseRows Pi, int Begin, int End) Row(long row)
    {
        if ((ulong)row >= (ulong)RowCount)
            throw new InvalidOperationException($"Row {row} has no graph values: only {RowCount} rows were computed.");
        int c = _rowConversation[row], i = _rowUtterance[row];
        var pi = Graphs[c];
        return (_set.Conversations[c].Turns, pi, pi.RowPtr[i], pi.RowPtr[i + 1]);
    }
}
