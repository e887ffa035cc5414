namespace ElrGnn.MLNet.Graph;

/// <summary>
/// Undirected, unweighted propagation graph G_dil of one conversation (spec §2.3.2), with a
/// self-loop on every node, stored as CSR with ascending neighbours. The push uses
/// P = D⁻¹A where A already contains I, so <see cref="Degree"/> counts the self-loop.
/// </summary>
/// <remarks>
/// It depends only on positions (and optionally speakers), never on learned features, which is
/// what lets Π be precomputed once per conversation. Arrays are exposed without copying; treat
/// them as read-only.
/// </remarks>
public sealed class DilatedGraph
{
    private DilatedGraph(int[] rowPtr, int[] neighbour)
    {
        RowPtr = rowPtr;
        Neighbour = neighbour;
    }

    /// <summary>Number of utterances N.</summary>
    public int NodeCount => RowPtr.Length - 1;

    /// <summary>CSR row pointer, length N + 1.</summary>
    public int[] RowPtr { get; }

    /// <summary>Neighbours of each node in ascending order (self included).</summary>
    public int[] Neighbour { get; }

    /// <summary>deg(v) = number of neighbours of v including its self-loop (≥ 1).</summary>
    /// <param name="v">Node, 0 ≤ v &lt; N.</param>
    /// <returns>The degree.</returns>
    public int Degree(int v) => RowPtr[v + 1] - RowPtr[v];

    /// <summary>Builds the graph the options ask for: option A or, for <see cref="DilationMode.HopOrders"/>, the window graph.</summary>
    /// <param name="speakerIndex">Speaker id per utterance in turn order.</param>
    /// <param name="options">Graph options (validated here).</param>
    /// <returns>The graph.</returns>
    public static DilatedGraph FromOptions(int[] speakerIndex, ConversationGraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return ForValidOptions(speakerIndex, options);
    }

    internal static DilatedGraph ForValidOptions(int[] speakerIndex, ConversationGraphOptions options) =>
        options.DilationMode == DilationMode.HopOrders
            ? BuildWindow(speakerIndex, options.HopOrderPastWindow, options.HopOrderFutureWindow, options.SpeakerLinks)
            : BuildDilated(speakerIndex, options.LocalWindow, options.Dilation, options.DilatedLinks, options.SpeakerLinks);

    /// <summary>
    /// Option A: edges 1 ≤ |i − j| ≤ w_loc, |i − j| = ℓ·δ (ℓ = 1..L), self-loops, and optionally
    /// each utterance's previous/next turn of the same speaker.
    /// </summary>
    /// <param name="speakerIndex">Speaker id per utterance in turn order.</param>
    /// <param name="localWindow">w_loc ≥ 0 (default 1).</param>
    /// <param name="dilation">δ ≥ 1 (default 4).</param>
    /// <param name="dilatedLinks">L ≥ 0 (default 4).</param>
    /// <param name="speakerLinks">Add same-speaker previous/next links (default false).</param>
    /// <returns>The graph.</returns>
    public static DilatedGraph BuildDilated(int[] speakerIndex, int localWindow = GraphDefaults.LocalWindow, int dilation = GraphDefaults.Dilation,
        int dilatedLinks = GraphDefaults.DilatedLinks, bool speakerLinks = GraphDefaults.SpeakerLinks)
    {
        ArgumentNullException.ThrowIfNull(speakerIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(localWindow);
        ArgumentOutOfRangeException.ThrowIfLessThan(dilation, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(dilatedLinks);
        int n = speakerIndex.Length;
        // Offsets beyond N − 1 can never match; clamping keeps the candidate buffer small.
        int band = Math.Min(localWindow, n);
        int links = (int)Math.Min(dilatedLinks, n / (long)dilation);
        var offsets = new List<int>(band + links);
        for (int d = 1; d <= band; d++)
            offsets.Add(d);
        for (int l = 1; l <= links; l++)
            offsets.Add(l * dilation);
        return Build(speakerIndex, offsets, speakerLinks);
    }

    /// <summary>
    /// Option B's graph: the hop-order window (<see cref="ConversationGraphOptions.HopOrderPastWindow"/>,
    /// <see cref="ConversationGraphOptions.HopOrderFutureWindow"/>) made undirected, i.e. edges 1 ≤ |i − j| ≤ max(p, f),
    /// plus self-loops and optional same-speaker links.
    /// </summary>
    /// <param name="speakerIndex">Speaker id per utterance in turn order.</param>
    /// <param name="pastWindow">p ≥ 0 (default 10).</param>
    /// <param name="futureWindow">f ≥ 0 (default 10).</param>
    /// <param name="speakerLinks">Add same-speaker previous/next links (default false).</param>
    /// <returns>The graph.</returns>
    public static DilatedGraph BuildWindow(int[] speakerIndex, int pastWindow = GraphDefaults.HopOrderPastWindow, int futureWindow = GraphDefaults.HopOrderFutureWindow,
        bool speakerLinks = GraphDefaults.SpeakerLinks)
    {
        ArgumentNullException.ThrowIfNull(speakerIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(pastWindow);
        ArgumentOutOfRangeException.ThrowIfNegative(futureWindow);
        // An undirected walk needs a symmetric A: the union of j − i ∈ [−p, f] and its mirror.
        int band = Math.Min(Math.Max(pastWindow, futureWindow), speakerIndex.Length);
        var offsets = new List<int>(band);
        for (int d = 1; d <= band; d++)
            offsets.Add(d);
        return Build(speakerIndex, offsets, speakerLinks);
    }

    /// <summary>
    /// A graph from an explicit undirected edge list (for custom graphs and tests): edges are
    /// symmetrised, duplicates merged and self-loops added to every node.
    /// </summary>
    /// <param name="nodeCount">N ≥ 0.</param>
    /// <param name="edges">Pairs (a, b) with 0 ≤ a, b &lt; N.</param>
    /// <returns>The graph.</returns>
    public static DilatedGraph FromEdges(int nodeCount, IEnumerable<(int A, int B)> edges)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        ArgumentNullException.ThrowIfNull(edges);
        var sets = new SortedSet<int>[nodeCount];
        for (int v = 0; v < nodeCount; v++)
            sets[v] = [v];
        foreach (var (a, b) in edges)
        {
            if ((uint)a >= (uint)nodeCount || (uint)b >= (uint)nodeCount)
                throw new ArgumentOutOfRangeException(nameof(edges), $"Edge ({a}, {b}) is outside 0..{nodeCount - 1}.");
            sets[a].Add(b);
            sets[b].Add(a);
        }
        var rowPtr = new int[nodeCount + 1];
        for (int v = 0; v < nodeCount; v++)
            rowPtr[v + 1] = rowPtr[v] + sets[v].Count;
        var neighbour = new int[rowPtr[nodeCount]];
        for (int v = 0; v < nodeCount; v++)
            sets[v].CopyTo(neighbour, rowPtr[v]);
        return new DilatedGraph(rowPtr, neighbour);
    }

    // Positive offsets d give the symmetric edges i ± d; speaker links are symmetric by
    // construction (j is i's previous same-speaker turn iff i is j's next one).
    private static DilatedGraph Build(int[] speakers, List<int> offsets, bool speakerLinks)
    {
        int n = speakers.Length;
        int[]? prev = null, next = null;
        if (speakerLinks)
            SameSpeakerNeighbours(speakers, out prev, out next);

        var rowPtr = new int[n + 1];
        var neighbour = new List<int>(n * (2 * offsets.Count + 3));
        var row = new List<int>(2 * offsets.Count + 3);
        for (int i = 0; i < n; i++)
        {
            row.Clear();
            row.Add(i);
            foreach (int d in offsets)
            {
                if (i - d >= 0) row.Add(i - d);
                if (i + d < n) row.Add(i + d);
            }
            if (prev is not null && prev[i] >= 0) row.Add(prev[i]);
            if (next is not null && next[i] >= 0) row.Add(next[i]);
            row.Sort();
            int last = -1;
            foreach (int j in row)
            {
                if (j == last) continue;
                neighbour.Add(j);
                last = j;
            }
            rowPtr[i + 1] = neighbour.Count;
        }
        return new DilatedGraph(rowPtr, [.. neighbour]);
    }

    private static void SameSpeakerNeighbours(int[] speakers, out int[] prev, out int[] next)
    {
        int n = speakers.Length;
        prev = new int[n];
        next = new int[n];
        Array.Fill(next, -1);
        var lastSeen = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            prev[i] = lastSeen.TryGetValue(speakers[i], out int j) ? j : -1;
            if (prev[i] >= 0) next[prev[i]] = i;
            lastSeen[speakers[i]] = i;
        }
    }
}
