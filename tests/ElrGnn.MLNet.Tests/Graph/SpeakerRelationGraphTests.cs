using ElrGnn.MLNet.Graph;

namespace ElrGnn.MLNet.Tests.Graph;

[TestClass]
public sealed class SpeakerRelationGraphTests
{
    private const RelationType S = RelationType.Self, IP = RelationType.IntraPast, IF = RelationType.IntraFuture,
        XP = RelationType.InterPast, XF = RelationType.InterFuture;

    [TestMethod]
    public void Build_FiveTurns_GivesHandCheckedNeighboursAndRelations()
    {
        // Speakers A B A A B, window p = 1, f = 2.
        var g = SpeakerRelationGraph.Build([0, 1, 0, 0, 1], pastWindow: 1, futureWindow: 2);
        var expected = new (int J, RelationType R)[][]
        {
            [(0, S), (1, XF), (2, IF)],
            [(0, XP), (1, S), (2, XF), (3, XF)],
            [(1, XP), (2, S), (3, IF), (4, XF)],
            [(2, IP), (3, S), (4, XF)],
            [(3, XP), (4, S)],
        };
        Assert.AreEqual(5, g.NodeCount);
        Assert.AreEqual(16, g.EdgeCount);
        for (int i = 0; i < 5; i++)
        {
            var actual = Enumerable.Range(g.RowPtr[i], g.RowPtr[i + 1] - g.RowPtr[i])
                .Select(e => (g.Neighbour[e], (RelationType)g.Relation[e])).ToArray();
            CollectionAssert.AreEqual(expected[i], actual, $"target {i}");
        }
    }

    [TestMethod]
    public void Build_FiveTurns_CountsNeighboursPerRelation()
    {
        var g = SpeakerRelationGraph.Build([0, 1, 0, 0, 1], pastWindow: 1, futureWindow: 2);
        Assert.AreEqual(1, g.GetRelationCount(1, S));
        Assert.AreEqual(1, g.GetRelationCount(1, XP));
        Assert.AreEqual(2, g.GetRelationCount(1, XF));
        Assert.AreEqual(0, g.GetRelationCount(1, IF));
        Assert.AreEqual(1, g.GetRelationCount(3, IP));
        CollectionAssert.AreEqual(new[] { 1, 0, 1, 1, 1 }, g.RelationCounts[10..15], "target 2: self, intra-future, inter-past, inter-future");
        for (int i = 0; i < 5; i++)
            Assert.AreEqual(g.RowPtr[i + 1] - g.RowPtr[i], g.RelationCounts[(i * 5)..(i * 5 + 5)].Sum(), $"target {i}");
    }

    [TestMethod]
    public void Build_ThreeSpeakersWideWindow_ClassifiesBySpeakerAndDirection()
    {
        var g = SpeakerRelationGraph.Build([2, 0, 2, 1], 10, 10);
        // Target 2 (speaker 2) sees everyone: 0 same-past, 1 other-past, 2 self, 3 other-future.
        var rel = g.Relation[g.RowPtr[2]..g.RowPtr[3]].Select(r => (RelationType)r).ToArray();
        CollectionAssert.AreEqual(new[] { IP, XP, S, XF }, rel);
    }

    [TestMethod]
    public void Build_EmptyAndOneTurn_GiveEmptyAndSelfOnly()
    {
        var empty = SpeakerRelationGraph.Build([]);
        Assert.AreEqual(0, empty.NodeCount);
        CollectionAssert.AreEqual(new[] { 0 }, empty.RowPtr);
        var one = SpeakerRelationGraph.Build([7]);
        CollectionAssert.AreEqual(new[] { 0 }, one.Neighbour);
        CollectionAssert.AreEqual(new[] { (int)S }, one.Relation);
    }

    [TestMethod]
    public void Build_ZeroWindows_GivesSelfLoopsOnly()
    {
        var g = SpeakerRelationGraph.Build([0, 1, 0], 0, 0);
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, g.Neighbour);
        Assert.IsTrue(g.Relation.All(r => r == (int)S));
    }

    [TestMethod]
    public void Build_NegativeWindow_Throws()
    {
        Assert.AreEqual("pastWindow", Assert.Throws<ArgumentOutOfRangeException>(() => SpeakerRelationGraph.Build([0], -1, 1)).ParamName);
    }
}
