using ElrGnn.MLNet.Graph;

namespace ElrGnn.MLNet.Tests.Graph;

/// <summary>Small graphs shared by the push tests, each as (library graph, independent dense A).</summary>
internal static class TestGraphs
{
    public static IEnumerable<(string Name, DilatedGraph Graph, double[,] A)> Small()
    {
        // Option A graphs, dense A written from the spec's edge rule, not from the CSR builder.
        foreach (var (n, wLoc, delta, links) in new[] { (1, 1, 4, 4), (2, 1, 4, 4), (7, 1, 2, 2), (23, 1, 4, 4), (40, 2, 3, 3), (17, 0, 5, 2) })
        {
            var speakers = AlternatingSpeakers(n, seed: n);
            yield return ($"dilated n={n} w={wLoc} d={delta} L={links}",
                DilatedGraph.BuildDilated(speakers, wLoc, delta, links),
                DenseReference.Adjacency(n, (i, j) => DilatedLink(i, j, wLoc, delta, links)));
        }

        // Option A with speaker links.
        var sp = new[] { 0, 1, 1, 0, 2, 1, 0, 0, 2, 1, 0, 1, 2 };
        yield return ("dilated + speaker links",
            DilatedGraph.BuildDilated(sp, 1, 4, 2, speakerLinks: true),
            DenseReference.Adjacency(sp.Length, (i, j) => DilatedLink(i, j, 1, 4, 2) || NextSameSpeaker(sp, i) == j));

        // Option B window graph.
        yield return ("window p=3 f=1",
            DilatedGraph.BuildWindow(new int[15], 3, 1),
            DenseReference.Adjacency(15, (i, j) => Math.Abs(i - j) <= 3));

        // Irregular graphs with isolated nodes and hubs.
        var rng = new Random(7);
        foreach (int n in new[] { 5, 12, 30 })
        {
            var edges = new List<(int, int)>();
            for (int e = 0; e < 2 * n; e++)
                edges.Add((rng.Next(n), rng.Next(n / 2 + 1)));
            yield return ($"random n={n}", DilatedGraph.FromEdges(n, edges), DenseReference.Adjacency(n, edges));
        }
    }

    public static bool DilatedLink(int i, int j, int wLoc, int delta, int links)
    {
        int d = Math.Abs(i - j);
        return (d >= 1 && d <= wLoc) || (d > 0 && d % delta == 0 && d / delta <= links);
    }

    public static int NextSameSpeaker(int[] speakers, int i)
    {
        for (int j = i + 1; j < speakers.Length; j++)
            if (speakers[j] == speakers[i]) return j;
        return -1;
    }

    public static int[] AlternatingSpeakers(int n, int seed)
    {
        var rng = new Random(seed);
        var s = new int[n];
        for (int i = 1; i < n; i++)
            s[i] = rng.NextDouble() < 0.7 ? 1 - s[i - 1] : s[i - 1];
        return s;
    }
}
