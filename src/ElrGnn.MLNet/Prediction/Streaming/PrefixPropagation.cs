using ElrGnn.MLNet.Graph;

namespace ElrGnn.MLNet.Prediction.Streaming;

/// <summary>
/// Row t of Π for the newest turn t of a prefix (turns 0..t), pushed from that one source: the same top-k row that
/// <see cref="ConversationGraphPrecompute"/> gives for the prefix conversation, without computing the other rows.
/// </summary>
/// <remarks>
/// The push from t runs N_ord hops; a node reached on hop n &lt; N_ord reads its neighbours and degree, and lies within
/// n·Δ of t, where Δ is the graph's longest edge (max(w_loc, L·δ) for option A, max(p, f) for option B). So the
/// suffix graph on turns t − N_ord·Δ..t has the same neighbourhoods wherever the push looks, and the row is the same:
/// cost O(N_ord·Δ) per turn whatever the history. With <see cref="ConversationGraphOptions.SpeakerLinks"/> an edge
/// can reach back to any earlier turn, so the whole prefix graph is built (O(t) integer work, still one push).
/// </remarks>
internal sealed class PrefixPropagation
{
    private readonly ConversationGraphOptions _options;
    private readonly double[] _coefficients;
    private readonly int _reach;

    /// <summary>Prepares the push for <paramref name="options"/> (validated).</summary>
    public PrefixPropagation(ConversationGraphOptions options)
    {
        _coefficients = PropagationCoefficients.FromOptions(options);
        _options = options;
        int order = _coefficients.Length - 1;
        int longestEdge = options.DilationMode == DilationMode.HopOrders
            ? Math.Max(options.HopOrderPastWindow, options.HopOrderFutureWindow)
            : Math.Max(options.LocalWindow, options.DilatedLinks * options.Dilation);
        _reach = options.SpeakerLinks ? int.MaxValue : (int)Math.Min(int.MaxValue, (long)order * Math.Max(1, longestEdge));
    }

    /// <summary>Top-k Π row of the last turn of <paramref name="speakerIndex"/>: global columns ascending and weights.</summary>
    public (int[] Columns, float[] Weights) LastRow(IReadOnlyList<int> speakerIndex)
    {
        int t = speakerIndex.Count - 1;
        int first = _reach >= t ? 0 : t - _reach;
        var suffix = new int[t - first + 1];
        for (int i = 0; i < suffix.Length; i++)
            suffix[i] = speakerIndex[first + i];
        var graph = DilatedGraph.ForValidOptions(suffix, _options);
        var row = new double[suffix.Length];
        GeneralizedForwardPush.PushRow(graph, _coefficients, _options.RMax, suffix.Length - 1, row);

        // Top-k as the full precompute does it: positive entries, k best (ties: lower column), columns ascending.
        var candidates = new int[row.Length];
        int count = 0;
        for (int v = 0; v < row.Length; v++)
            if (row[v] > 0)
                candidates[count++] = v;
        int kept = count <= _options.TopK ? count : TopKSelection.SelectInPlace(candidates, count, row, _options.TopK);
        Array.Sort(candidates, 0, kept);
        double scale = 1.0;
        if (_options.RenormalizeRows)
        {
            double sum = 0;
            for (int i = 0; i < kept; i++)
                sum += row[candidates[i]];
            if (sum > 0) scale = 1.0 / sum;
        }
        var columns = new List<int>(kept);
        var weights = new List<float>(kept);
        for (int i = 0; i < kept; i++)
        {
            float value = (float)(row[candidates[i]] * scale);
            if (value <= 0)
                continue;
            columns.Add(first + candidates[i]);
            weights.Add(value);
        }
        return ([.. columns], [.. weights]);
    }
}
