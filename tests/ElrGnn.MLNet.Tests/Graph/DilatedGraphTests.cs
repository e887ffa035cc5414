using ElrGnn.MLNet.Graph;

namespace ElrGnn.MLNet.Tests.Graph;

[TestClass]
public sealed class DilatedGraphTests
{
    private static int[] Neighbours(DilatedGraph g, int v) => g.Neighbour[g.RowPtr[v]..g.RowPtr[v + 1]];

    [TestMethod]
    public void BuildDilated_TenTurns_GivesBandDilatedLinksAndSelfLoops()
    {
        // w_loc = 1, δ = 3, L = 2: links at |i − j| ∈ {1, 3, 6}.
        var g = DilatedGraph.BuildDilated(new int[10], localWindow: 1, dilation: 3, dilatedLinks: 2);
        CollectionAssert.AreEqual(new[] { 0, 1, 3, 6 }, Neighbours(g, 0));
        CollectionAssert.AreEqual(new[] { 1, 3, 4, 5, 7 }, Neighbours(g, 4));
        CollectionAssert.AreEqual(new[] { 3, 6, 8, 9 }, Neighbours(g, 9));
        Assert.AreEqual(5, g.Degree(4));
    }

    [TestMethod]
    public void BuildDilated_OverlappingBandAndLinks_MergesDuplicates()
    {
        // δ = 1 repeats the band; w_loc = 2 covers |d| = 1, 2.
        var g = DilatedGraph.BuildDilated(new int[5], localWindow: 2, dilation: 1, dilatedLinks: 3);
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3 }, Neighbours(g, 0));
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4 }, Neighbours(g, 2));
    }

    [TestMethod]
    public void BuildDilated_WithSpeakerLinks_AddsPreviousAndNextTurnOfSameSpeaker()
    {
        // Speakers A B B A B, band only: extra links 0–3 (A) and 2–4 (B).
        int[] speakers = [0, 1, 1, 0, 1];
        var g = DilatedGraph.BuildDilated(speakers, localWindow: 1, dilation: 4, dilatedLinks: 0, speakerLinks: true);
        CollectionAssert.AreEqual(new[] { 0, 1, 3 }, Neighbours(g, 0));
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, Neighbours(g, 1));
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4 }, Neighbours(g, 2));
        CollectionAssert.AreEqual(new[] { 0, 2, 3, 4 }, Neighbours(g, 3));
        CollectionAssert.AreEqual(new[] { 2, 3, 4 }, Neighbours(g, 4));
        var without = DilatedGraph.BuildDilated(speakers, 1, 4, 0, speakerLinks: false);
        CollectionAssert.AreEqual(new[] { 0, 1 }, Neighbours(without, 0));
    }

    [TestMethod]
    public void BuildDilated_IsSymmetric()
    {
        var g = DilatedGraph.BuildDilated(TestGraphs.AlternatingSpeakers(50, 9), 2, 3, 5, speakerLinks: true);
        for (int v = 0; v < g.NodeCount; v++)
            foreach (int u in Neighbours(g, v))
                CollectionAssert.Contains(Neighbours(g, u), v, $"{v}–{u}");
    }

    [TestMethod]
    public void BuildWindow_UsesWiderOfPastAndFuture()
    {
        var g = DilatedGraph.BuildWindow(new int[6], pastWindow: 2, futureWindow: 1);
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, Neighbours(g, 0));
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5 }, Neighbours(g, 3));
    }

    [TestMethod]
    public void FromOptions_FollowsDilationMode()
    {
        int[] speakers = new int[30];
        var a = DilatedGraph.FromOptions(speakers, new ConversationGraphOptions());
        CollectionAssert.AreEqual(new[] { 0, 1, 4, 8, 12, 16 }, Neighbours(a, 0));
        var b = DilatedGraph.FromOptions(speakers, new ConversationGraphOptions { DilationMode = DilationMode.HopOrders, HopOrderPastWindow = 3, HopOrderFutureWindow = 2 });
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3 }, Neighbours(b, 0));
    }

    [TestMethod]
    public void Build_EmptyAndOneTurn_GiveEmptyAndSelfLoop()
    {
        var empty = DilatedGraph.BuildDilated([], speakerLinks: true);
        Assert.AreEqual(0, empty.NodeCount);
        var one = DilatedGraph.BuildDilated([3], speakerLinks: true);
        CollectionAssert.AreEqual(new[] { 0 }, one.Neighbour);
        Assert.AreEqual(1, one.Degree(0));
    }

    [TestMethod]
    public void FromEdges_SymmetrisesDeduplicatesAndAddsSelfLoops()
    {
        var g = DilatedGraph.FromEdges(4, [(0, 2), (2, 0), (1, 1), (3, 0)]);
        CollectionAssert.AreEqual(new[] { 0, 2, 3 }, Neighbours(g, 0));
        CollectionAssert.AreEqual(new[] { 1 }, Neighbours(g, 1));
        CollectionAssert.AreEqual(new[] { 0, 2 }, Neighbours(g, 2));
        CollectionAssert.AreEqual(new[] { 0, 3 }, Neighbours(g, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => DilatedGraph.FromEdges(2, [(0, 2)]));
    }

    [TestMethod]
    public void BuildDilated_BadArguments_NameTheParameter()
    {
        Assert.AreEqual("dilation", Assert.Throws<ArgumentOutOfRangeException>(() => DilatedGraph.BuildDilated([0], dilation: 0)).ParamName);
        Assert.AreEqual("localWindow", Assert.Throws<ArgumentOutOfRangeException>(() => DilatedGraph.BuildDilated([0], localWindow: -1)).ParamName);
        Assert.AreEqual("dilatedLinks", Assert.Throws<ArgumentOutOfRangeException>(() => DilatedGraph.BuildDilated([0], dilatedLinks: -1)).ParamName);
    }
}
