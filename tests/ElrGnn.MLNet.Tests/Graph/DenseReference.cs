namespace ElrGnn.MLNet.Tests.Graph;

/// <summary>
/// Independent references for the push tests: dense adjacency from an edge rule, the truncated
/// series Σ_n w_n Pⁿ by plain matrix powers, and a literal map-based transcription of spec §2.3.3.
/// </summary>
internal static class DenseReference
{
    /// <summary>Dense A (with I) of an undirected graph given by a symmetric predicate on (i, j), i ≠ j.</summary>
    public static double[,] Adjacency(int n, Func<int, int, bool> linked)
    {
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i, j] = i == j || linked(i, j) || linked(j, i) ? 1 : 0;
        return a;
    }

    /// <summary>Dense A (with I) from an edge list.</summary>
    public static double[,] Adjacency(int n, IEnumerable<(int A, int B)> edges)
    {
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            a[i, i] = 1;
        foreach (var (x, y) in edges)
        {
            a[x, y] = 1;
            a[y, x] = 1;
        }
        return a;
    }

    /// <summary>Π = Σ_n w_n Pⁿ with P = D⁻¹A, by repeated dense multiplication.</summary>
    public static double[,] Series(double[,] a, double[] w)
    {
        int n = a.GetLength(0);
        var p = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            double deg = 0;
            for (int j = 0; j < n; j++) deg += a[i, j];
            for (int j = 0; j < n; j++) p[i, j] = a[i, j] / deg;
        }
        var power = new double[n, n];
        for (int i = 0; i < n; i++) power[i, i] = 1;
        var pi = new double[n, n];
        for (int order = 0; order < w.Length; order++)
        {
            if (order > 0) power = Multiply(power, p);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    pi[i, j] += w[order] * power[i, j];
        }
        return pi;
    }

    /// <summary>Spec §2.3.3 pseudo-code with sorted maps, straight from the text.</summary>
    public static double[] PushRow(double[,] a, double[] w, double rMax, int s)
    {
        int n = a.GetLength(0);
        var reserve = new SortedDictionary<int, double>();
        var residual = new SortedDictionary<int, double> { [s] = 1.0 };
        int nOrd = w.Length - 1;
        for (int hop = 0; hop < nOrd; hop++)
        {
            var next = new SortedDictionary<int, double>();
            foreach (var (v, r) in residual)
            {
                reserve[v] = reserve.GetValueOrDefault(v) + w[hop] * r;
                var neighbours = Enumerable.Range(0, n).Where(u => a[v, u] != 0).ToList();
                if (r >= rMax * neighbours.Count)
                    foreach (int u in neighbours)
                        next[u] = next.GetValueOrDefault(u) + r / neighbours.Count;
            }
            residual = next;
        }
        foreach (var (v, r) in residual)
            reserve[v] = reserve.GetValueOrDefault(v) + w[nOrd] * r;
        var row = new double[n];
        foreach (var (v, x) in reserve) row[v] = x;
        return row;
    }

    public static double[] Row(double[,] m, int i)
    {
        var row = new double[m.GetLength(1)];
        for (int j = 0; j < row.Length; j++) row[j] = m[i, j];
        return row;
    }

    /// <summary>Hop distance from s (BFS on A), int.MaxValue when unreachable.</summary>
    public static int[] Distances(double[,] a, int s)
    {
        int n = a.GetLength(0);
        var dist = Enumerable.Repeat(int.MaxValue, n).ToArray();
        var queue = new Queue<int>();
        dist[s] = 0;
        queue.Enqueue(s);
        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            for (int u = 0; u < n; u++)
                if (a[v, u] != 0 && dist[u] == int.MaxValue)
                {
                    dist[u] = dist[v] + 1;
                    queue.Enqueue(u);
                }
        }
        return dist;
    }

    private static double[,] Multiply(double[,] x, double[,] y)
    {
        int n = x.GetLength(0);
        var z = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
            {
                double xik = x[i, k];
                if (xik == 0) continue;
                for (int j = 0; j < n; j++) z[i, j] += xik * y[k, j];
            }
        return z;
    }
}
