using ElrGnn.MLNet.Graph;

namespace ElrGnn.MLNet.Tests.Graph;

[TestClass]
public sealed class GeneralizedForwardPushTests
{
    private static readonly (PropagationMode Mode, DilationMode Dilation)[] Modes =
    [
        (PropagationMode.Ppr, DilationMode.DilatedEdges),
        (PropagationMode.Average, DilationMode.DilatedEdges),
        (PropagationMode.Single, DilationMode.DilatedEdges),
        (PropagationMode.Ppr, DilationMode.HopOrders),
        (PropagationMode.Average, DilationMode.HopOrders),
    ];

    [TestMethod]
    public void PushRow_WithZeroRMax_EqualsDenseSeries()
    {
        foreach (var (name, graph, a) in TestGraphs.Small())
            foreach (var (mode, dilation) in Modes)
            {
                var w = PropagationCoefficients.Compute(mode, 0.15, 6, dilation, 2);
                var exact = DenseReference.Series(a, w);
                var row = new double[graph.NodeCount];
                var ws = new PushWorkspace();
                for (int s = 0; s < graph.NodeCount; s++)
                {
                    GeneralizedForwardPush.PushRow(graph, w, 0.0, s, row, ws);
                    for (int j = 0; j < row.Length; j++)
                        Assert.AreEqual(exact[s, j], row[j], 1e-9, $"{name} {mode}/{dilation} row {s} col {j}");
                }
            }
    }

    [TestMethod]
    public void Run_WithZeroRMaxAndFullRows_EqualsDenseSeriesInFloat()
    {
        foreach (var (name, graph, a) in TestGraphs.Small())
            foreach (var (mode, dilation) in Modes)
            {
                var w = PropagationCoefficients.Compute(mode, 0.1, 4, dilation, 2);
                var exact = DenseReference.Series(a, w);
                var pi = GeneralizedForwardPush.Run(graph, w, rMax: 0, topK: Math.Max(1, graph.NodeCount));
                for (int s = 0; s < graph.NodeCount; s++)
                {
                    var row = pi.DenseRow(s);
                    for (int j = 0; j < row.Length; j++)
                        Assert.AreEqual(exact[s, j], row[j], 1e-7, $"{name} {mode}/{dilation} row {s} col {j}");
                }
            }
    }

    [TestMethod]
    public void PushRow_WithPositiveRMax_MatchesLiteralSpecPush()
    {
        foreach (var (name, graph, a) in TestGraphs.Small())
            foreach (double rMax in new[] { 1e-3, 2e-2 })
            {
                var w = PropagationCoefficients.Compute(PropagationMode.Ppr, 0.1, 6);
                var row = new double[graph.NodeCount];
                for (int s = 0; s < graph.NodeCount; s++)
                {
                    GeneralizedForwardPush.PushRow(graph, w, rMax, s, row);
                    var expected = DenseReference.PushRow(a, w, rMax, s);
                    for (int j = 0; j < row.Length; j++)
                        Assert.AreEqual(expected[j], row[j], 1e-12, $"{name} rMax={rMax} row {s} col {j}");
                }
            }
    }

    // Bound: a residual r dropped at v on hop n is < rMax·deg(v) and would have added r·Σ_{m>n} w_m
    // of mass (P is row-stochastic). Only nodes within n hops of s hold residual at hop n, each at
    // most once, so ‖exact − push‖₁ ≤ rMax · Σ_{n<N_ord} (Σ_{m>n} w_m) · Σ_{v: dist(s,v) ≤ n} deg(v),
    // and every entry of the push is ≤ the exact entry.
    [TestMethod]
    public void PushRow_WithPositiveRMax_StaysWithinDropBound()
    {
        bool anyDrop = false;
        foreach (var (name, graph, a) in TestGraphs.Small())
            foreach (var mode in new[] { PropagationMode.Ppr, PropagationMode.Average, PropagationMode.Single })
            {
                const double rMax = 5e-3;
                var w = PropagationCoefficients.Compute(mode, 0.1, 6);
                var exact = DenseReference.Series(a, w);
                var row = new double[graph.NodeCount];
                for (int s = 0; s < graph.NodeCount; s++)
                {
                    GeneralizedForwardPush.PushRow(graph, w, rMax, s, row);
                    var dist = DenseReference.Distances(a, s);
                    double bound = 0;
                    for (int hop = 0; hop < w.Length - 1; hop++)
                    {
                        double tail = w.Skip(hop + 1).Sum();
                        double volume = Enumerable.Range(0, graph.NodeCount).Where(v => dist[v] <= hop).Sum(v => (double)graph.Degree(v));
                        bound += rMax * tail * volume;
                    }
                    double error = 0;
                    for (int j = 0; j < row.Length; j++)
                    {
                        Assert.IsLessThanOrEqualTo(exact[s, j] + 1e-12, row[j], $"{name} {mode} row {s} col {j}: push above exact");
                        error += exact[s, j] - row[j];
                    }
                    Assert.IsLessThanOrEqualTo(bound + 1e-12, error, $"{name} {mode} row {s}");
                    anyDrop |= error > 1e-6;
                }
            }
        Assert.IsTrue(anyDrop, "rMax was too small to drop anything: the bound was not exercised.");
    }

    [TestMethod]
    public void Run_WithTopK_KeepsLargestWeightsOfDenseRow()
    {
        var graph = DilatedGraph.BuildDilated(TestGraphs.AlternatingSpeakers(60, 3), 1, 3, 4, speakerLinks: true);
        var w = PropagationCoefficients.Compute(PropagationMode.Ppr, 0.1, 6);
        foreach (int k in new[] { 1, 5, 16 })
        {
            var pi = GeneralizedForwardPush.Run(graph, w, 1e-4, k);
            var dense = new double[graph.NodeCount];
            for (int s = 0; s < graph.NodeCount; s++)
            {
                GeneralizedForwardPush.PushRow(graph, w, 1e-4, s, dense);
                var expected = Enumerable.Range(0, dense.Length).Where(j => dense[j] > 0)
                    .OrderByDescending(j => dense[j]).ThenBy(j => j).Take(k).Order().ToArray();
                var cols = pi.Column[pi.RowPtr[s]..pi.RowPtr[s + 1]];
                CollectionAssert.AreEqual(expected, cols, $"k={k} row {s}");
                for (int e = pi.RowPtr[s]; e < pi.RowPtr[s + 1]; e++)
                    Assert.AreEqual((float)dense[pi.Column[e]], pi.Weight[e], $"k={k} row {s}");
            }
        }
    }

    [TestMethod]
    public void Run_WithTiedWeights_KeepsLowerIndices()
    {
        // Star: centre 3, leaves 0,1,2,4,5,6 — every leaf gets bit-identical mass from the centre.
        var graph = DilatedGraph.FromEdges(7, [(3, 0), (3, 1), (3, 2), (3, 4), (3, 5), (3, 6)]);
        var w = PropagationCoefficients.Compute(PropagationMode.Ppr, 0.1, 4);
        var pi = GeneralizedForwardPush.Run(graph, w, 0, topK: 3);
        var cols = pi.Column[pi.RowPtr[3]..pi.RowPtr[4]];
        CollectionAssert.AreEqual(new[] { 0, 1, 3 }, cols);
        Assert.AreEqual(pi.Weight[pi.RowPtr[3]], pi.Weight[pi.RowPtr[3] + 1]);
    }

    [TestMethod]
    public void Run_WhenAllMassIsDropped_EmitsNoZeroWeights()
    {
        // Single: w_0 = 0, so the source banks 0 at hop 0, then its residual is dropped (1 < 1·deg).
        var graph = DilatedGraph.BuildDilated(new int[6], 1, 2, 1);
        var w = PropagationCoefficients.Compute(PropagationMode.Single, order: 3);
        var pi = GeneralizedForwardPush.Run(graph, w, rMax: 1.0, topK: 32);
        Assert.AreEqual(6, pi.NodeCount);
        Assert.AreEqual(0, pi.NonZeroCount);
    }

    [TestMethod]
    public void Run_WithDefaults_HasPositiveWeightsAscendingColumnsAndAtMostK()
    {
        var options = new ConversationGraphOptions { TopK = 8 };
        var graph = DilatedGraph.FromOptions(TestGraphs.AlternatingSpeakers(50, 1), options);
        var pi = GeneralizedForwardPush.Run(graph, options);
        for (int s = 0; s < pi.NodeCount; s++)
        {
            Assert.IsLessThanOrEqualTo(8, pi.RowPtr[s + 1] - pi.RowPtr[s]);
            for (int e = pi.RowPtr[s]; e < pi.RowPtr[s + 1]; e++)
            {
                Assert.IsGreaterThan(0f, pi.Weight[e]);
                if (e > pi.RowPtr[s]) Assert.IsGreaterThan(pi.Column[e - 1], pi.Column[e]);
            }
        }
    }

    [TestMethod]
    public void Run_WithRenormalizeRows_RowsSumToOne_AndWithoutItKeepRawMass()
    {
        var graph = DilatedGraph.BuildDilated(TestGraphs.AlternatingSpeakers(40, 2));
        var w = PropagationCoefficients.Compute(PropagationMode.Ppr);
        var raw = GeneralizedForwardPush.Run(graph, w, 1e-4, 8, renormalizeRows: false);
        var norm = GeneralizedForwardPush.Run(graph, w, 1e-4, 8, renormalizeRows: true);
        for (int s = 0; s < graph.NodeCount; s++)
        {
            double rawSum = 0, normSum = 0;
            for (int e = raw.RowPtr[s]; e < raw.RowPtr[s + 1]; e++) rawSum += raw.Weight[e];
            for (int e = norm.RowPtr[s]; e < norm.RowPtr[s + 1]; e++) normSum += norm.Weight[e];
            Assert.AreEqual(1.0, normSum, 1e-5, $"row {s}");
            Assert.IsLessThan(0.999, rawSum, $"row {s}: top-8 of a 6-hop PPR row cannot hold all mass");
            CollectionAssert.AreEqual(raw.Column[raw.RowPtr[s]..raw.RowPtr[s + 1]], norm.Column[norm.RowPtr[s]..norm.RowPtr[s + 1]]);
        }
    }

    [TestMethod]
    public void Run_OnEmptyGraph_ReturnsEmptyMatrix()
    {
        var pi = GeneralizedForwardPush.Run(DilatedGraph.BuildDilated([]), new ConversationGraphOptions());
        Assert.AreEqual(0, pi.NodeCount);
        CollectionAssert.AreEqual(new[] { 0 }, pi.RowPtr);
    }

    [TestMethod]
    public void Run_OnSingleNode_GivesSelfWeightOne()
    {
        foreach (var mode in Enum.GetValues<PropagationMode>())
        {
            var options = new ConversationGraphOptions { PropagationMode = mode };
            var pi = GeneralizedForwardPush.Run(DilatedGraph.FromOptions([0], options), options);
            CollectionAssert.AreEqual(new[] { 0, 1 }, pi.RowPtr, mode.ToString());
            Assert.AreEqual(0, pi.Column[0]);
            Assert.AreEqual(1f, pi.Weight[0], 1e-6f, mode.ToString());
        }
    }

    [TestMethod]
    public void Run_WithReusedWorkspace_GivesSameResultAsFresh()
    {
        var ws = new PushWorkspace(3);
        var w = PropagationCoefficients.Compute(PropagationMode.Ppr);
        var big = DilatedGraph.BuildDilated(TestGraphs.AlternatingSpeakers(90, 4));
        var small = DilatedGraph.BuildDilated(TestGraphs.AlternatingSpeakers(20, 5));
        GeneralizedForwardPush.Run(big, w, workspace: ws);
        var reused = GeneralizedForwardPush.Run(small, w, workspace: ws);
        var fresh = GeneralizedForwardPush.Run(small, w);
        CollectionAssert.AreEqual(fresh.RowPtr, reused.RowPtr);
        CollectionAssert.AreEqual(fresh.Column, reused.Column);
        CollectionAssert.AreEqual(fresh.Weight, reused.Weight);
    }

    [TestMethod]
    public void Run_WithBadArguments_NamesTheParameter()
    {
        var graph = DilatedGraph.BuildDilated([0, 1]);
        double[] w = [0.5, 0.5];
        Assert.AreEqual("rMax", Assert.Throws<ArgumentOutOfRangeException>(() => GeneralizedForwardPush.Run(graph, w, rMax: -1)).ParamName);
        Assert.AreEqual("topK", Assert.Throws<ArgumentOutOfRangeException>(() => GeneralizedForwardPush.Run(graph, w, topK: 0)).ParamName);
        Assert.AreEqual("coefficients", Assert.Throws<ArgumentOutOfRangeException>(() => GeneralizedForwardPush.Run(graph, [1.0, -0.5])).ParamName);
        Assert.AreEqual("coefficients", Assert.Throws<ArgumentException>(() => GeneralizedForwardPush.Run(graph, ReadOnlySpan<double>.Empty)).ParamName);
    }
}
