namespace ElrGnn.MLNet.Graph;

/// <summary>
/// Generalized forward push (GFPush, GRAND+ — Feng et al., WWW 2022, arXiv 2203.06389) on a
/// conversation graph, with top-k sparsification (spec §2.3.3). For every source s it approximates
/// row s of
/// <code>Π = Σ_{n=0}^{N_ord} w_n Pⁿ,   P = D⁻¹A  (A includes self-loops)</code>
/// by pushing mass forwards hop by hop: at hop n a node v with residual r banks w_n·r and, if
/// r ≥ r_max·deg(v), forwards r/deg(v) to each neighbour; lighter residuals are dropped. After the
/// last hop the remaining residual is banked with w_{N_ord}. The K largest entries are kept
/// (ties: lower column), entries ≤ 0 dropped, and the row optionally renormalised.
/// </summary>
/// <remarks>
/// <para>Error: all terms are nonnegative, so the pushed row is an entry-wise lower bound of the
/// exact row. A residual r dropped at v on hop n would have contributed r·Σ_{m&gt;n} w_m of mass
/// (P is row-stochastic), and r &lt; r_max·deg(v); only nodes within n hops of s hold residual on
/// hop n, each once, so before top-k
/// ‖Π_s − Π̂_s‖₁ ≤ r_max · Σ_{n=0}^{N_ord−1} (Σ_{m=n+1}^{N_ord} w_m) · Σ_{v: dist(s,v) ≤ n} deg(v)
/// ≤ r_max · vol(G) · Σ_{n=0}^{N_ord−1} Σ_{m&gt;n} w_m, with vol(G) = Σ_v deg(v).
/// r_max = 0 gives the exact truncated series.</para>
/// <para>Deterministic: no randomness, and the visiting order depends only on the graph, so the
/// output is bit-identical however many threads run conversations side by side.</para>
/// <para>Cost per source: a push at v consumes residual ≥ r_max·deg(v) out of at most 1 per hop, so
/// edge operations are O(N_ord · min(vol(G), 1/r_max)); memory O(N · K) per conversation.</para>
/// </remarks>
public static class GeneralizedForwardPush
{
    /// <summary>Runs the push with the options' coefficients, threshold, K and renormalisation.</summary>
    /// <param name="graph">Propagation graph of one conversation.</param>
    /// <param name="options">Graph options (validated here).</param>
    /// <param name="workspace">Scratch memory to reuse (one per thread); null allocates one.</param>
    /// <returns>Π as N sparse rows.</returns>
    public static SparseRows Run(DilatedGraph graph, ConversationGraphOptions options, PushWorkspace? workspace = null)
    {
        var w = PropagationCoefficients.FromOptions(options);
        return Run(graph, w, options.RMax, options.TopK, options.RenormalizeRows, workspace);
    }

    /// <summary>Runs the push with explicit parameters.</summary>
    /// <param name="graph">Propagation graph of one conversation.</param>
    /// <param name="coefficients">w_0..w_{N_ord} (see <see cref="PropagationCoefficients"/>); nonnegative.</param>
    /// <param name="rMax">Push threshold r_max ≥ 0 (default 1e-4); 0 = exact truncated series.</param>
    /// <param name="topK">Entries kept per row K ≥ 1 (default 32).</param>
    /// <param name="renormalizeRows">Scale each kept row to sum 1 (default false: the relation-aware operator normalises at use time, as GRAND+ does).</param>
    /// <param name="workspace">Scratch memory to reuse (one per thread); null allocates one.</param>
    /// <returns>Π as N sparse rows, columns ascending, weights &gt; 0.</returns>
    public static SparseRows Run(DilatedGraph graph, ReadOnlySpan<double> coefficients, double rMax = GraphDefaults.RMax,
        int topK = GraphDefaults.TopK, bool renormalizeRows = GraphDefaults.RenormalizeRows, PushWorkspace? workspace = null)
    {
        CheckArguments(graph, coefficients, rMax, topK);
        int n = graph.NodeCount;
        var ws = workspace ?? new PushWorkspace(n);
        ws.EnsureCapacity(n);
        var rowPtr = new int[n + 1];
        int nnz = 0;
        for (int s = 0; s < n; s++)
        {
            Push(graph, coefficients, rMax, s, ws);
            nnz = EmitTopK(ws, topK, renormalizeRows, nnz);
            rowPtr[s + 1] = nnz;
        }
        return new SparseRows(rowPtr, ws.OutColumn[..nnz], ws.OutWeight[..nnz]);
    }

    /// <summary>
    /// Row s of Π before top-k, in double precision, written densely (for inspection and tests;
    /// r_max = 0 gives the exact truncated series).
    /// </summary>
    /// <param name="graph">Propagation graph of one conversation.</param>
    /// <param name="coefficients">w_0..w_{N_ord}; nonnegative.</param>
    /// <param name="rMax">Push threshold r_max ≥ 0.</param>
    /// <param name="source">Source node s, 0 ≤ s &lt; N.</param>
    /// <param name="row">Destination of length ≥ N; entries 0..N−1 are overwritten.</param>
    /// <param name="workspace">Scratch memory to reuse; null allocates one.</param>
    public static void PushRow(DilatedGraph graph, ReadOnlySpan<double> coefficients, double rMax, int source, Span<double> row,
        PushWorkspace? workspace = null)
    {
        CheckArguments(graph, coefficients, rMax, 1);
        int n = graph.NodeCount;
        ArgumentOutOfRangeException.ThrowIfNegative(source);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(source, n);
        if (row.Length < n)
            throw new ArgumentException($"Row must hold at least {n} entries.", nameof(row));
        var ws = workspace ?? new PushWorkspace(n);
        ws.EnsureCapacity(n);
        Push(graph, coefficients, rMax, source, ws);
        row[..n].Clear();
        for (int i = 0; i < ws.ReserveCount; i++)
        {
            int v = ws.ReserveList[i];
            row[v] = ws.Reserve[v];
        }
        ResetReserve(ws);
    }

    private static void CheckArguments(DilatedGraph graph, ReadOnlySpan<double> coefficients, double rMax, int topK)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (coefficients.IsEmpty)
            throw new ArgumentException("At least one coefficient (hop 0) is required.", nameof(coefficients));
        foreach (double c in coefficients)
            if (!(c >= 0) || double.IsInfinity(c))
                throw new ArgumentOutOfRangeException(nameof(coefficients), c, "Coefficients must be finite and nonnegative.");
        if (!(rMax >= 0) || double.IsInfinity(rMax))
            throw new ArgumentOutOfRangeException(nameof(rMax), rMax, "RMax must be finite and ≥ 0.");
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
    }

    // Fills ws.Reserve / ws.ReserveList with the pushed row of source s; leaves residuals zeroed.
    private static void Push(DilatedGraph graph, ReadOnlySpan<double> w, double rMax, int s, PushWorkspace ws)
    {
        int[] rowPtr = graph.RowPtr, neighbour = graph.Neighbour;
        double[] cur = ws.Residual, next = ws.NextResidual;
        bool[] inCur = ws.InFrontier, inNext = ws.InNextFrontier;
        int[] front = ws.Frontier, nextFront = ws.NextFrontier;
        int order = w.Length - 1;

        front[0] = s;
        int count = 1;
        cur[s] = 1.0;
        inCur[s] = true;
        for (int hop = 0; hop < order; hop++)
        {
            double wn = w[hop];
            int nextCount = 0;
            for (int f = 0; f < count; f++)
            {
                int v = front[f];
                double r = cur[v];
                cur[v] = 0;
                inCur[v] = false;
                AddReserve(ws, v, wn * r);
                int begin = rowPtr[v], end = rowPtr[v + 1], deg = end - begin;
                if (r < rMax * deg)
                    continue; // light residual: dropped (the bounded approximation)
                double share = r / deg;
                for (int e = begin; e < end; e++)
                {
                    int u = neighbour[e];
                    if (!inNext[u])
                    {
                        inNext[u] = true;
                        nextFront[nextCount++] = u;
                    }
                    next[u] += share;
                }
            }
            (cur, next) = (next, cur);
            (inCur, inNext) = (inNext, inCur);
            (front, nextFront) = (nextFront, front);
            count = nextCount;
        }

        double last = w[order];
        for (int f = 0; f < count; f++)
        {
            int v = front[f];
            AddReserve(ws, v, last * cur[v]);
            cur[v] = 0;
            inCur[v] = false;
        }
    }

    private static void AddReserve(PushWorkspace ws, int v, double mass)
    {
        if (!ws.InReserve[v])
        {
            ws.InReserve[v] = true;
            ws.ReserveList[ws.ReserveCount++] = v;
        }
        ws.Reserve[v] += mass;
    }

    // Appends the kept entries of the current row at position nnz, resets the reserve, returns the new nnz.
    private static int EmitTopK(PushWorkspace ws, int topK, bool renormalize, int nnz)
    {
        double[] reserve = ws.Reserve;
        int[] cand = ws.Candidates;
        int count = 0;
        for (int i = 0; i < ws.ReserveCount; i++)
        {
            int v = ws.ReserveList[i];
            if (reserve[v] > 0)
                cand[count++] = v;
        }

        int kept = count <= topK ? count : TopKSelection.SelectInPlace(cand, count, reserve, topK);
        Array.Sort(cand, 0, kept);

        double scale = 1.0;
        if (renormalize)
        {
            double sum = 0;
            for (int i = 0; i < kept; i++)
                sum += reserve[cand[i]];
            if (sum > 0) scale = 1.0 / sum;
        }

        ws.EnsureOutput(nnz + kept);
        for (int i = 0; i < kept; i++)
        {
            float value = (float)(reserve[cand[i]] * scale);
            if (value <= 0)
                continue; // underflows in float: still "drop ≤ 0"
            ws.OutColumn[nnz] = cand[i];
            ws.OutWeight[nnz] = value;
            nnz++;
        }

        ResetReserve(ws);
        return nnz;
    }

    private static void ResetReserve(PushWorkspace ws)
    {
        for (int i = 0; i < ws.ReserveCount; i++)
        {
            int v = ws.ReserveList[i];
            ws.Reserve[v] = 0;
            ws.InReserve[v] = false;
        }
        ws.ReserveCount = 0;
    }
}
