using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Serving;

/// <summary>Π goes from the graph step to the model step as computed; other views are read back from the public columns.</summary>
[TestClass]
public sealed class PropagationTransportTests
{
    private static readonly ConversationGraphOptions Options = new()
    { ConversationIdColumnName = "DialogueId", TurnColumnName = "Turn", SpeakerColumnName = "Speaker" };

    private static (MLContext Ml, IDataView Raw, IDataView GraphView, ConversationSet Set) Setup(int seed = 3)
    {
        var ml = new MLContext(seed: 1);
        var data = new SyntheticConversations(new SyntheticConversationsOptions
        {
            Seed = seed, NumberOfConversations = 12, MinLength = 2, MaxLength = 9, NumberOfClasses = 3,
            TextDimension = 4, AudioDimension = 2, VisualDimension = 2,
        });
        // Rows out of order, turns with gaps (×3), so row position, turn and index all differ.
        var rows = data.Rows.Select(r => { r.Turn = r.Turn * 3 + 1; return r; }).OrderBy(r => (r.Turn * 7919 + r.DialogueId.GetHashCode(StringComparison.Ordinal)) % 101).ToList();
        var raw = ml.Data.LoadFromEnumerable(rows);
        var graphView = ml.Transforms.PrecomputeConversationGraph(Options).Fit(raw).Transform(raw);
        return (ml, raw, graphView, ConversationGraphTransformer.InputReader(Options).Read(graphView));
    }

    [TestMethod]
    public void GraphStepView_HandsOverItsMatrices_WithoutRebuildingThem()
    {
        var (_, _, graphView, set) = Setup();

        var first = PropagationSource.Get(graphView, set, fallback: null);
        var second = PropagationSource.Get(graphView, set, fallback: null);

        Assert.AreSame(first, second, "the same computed matrices, not a copy per call");
        AssertSameCsr(ConversationGraphTransformer.Precompute(set.Conversations, Options), first);
    }

    [TestMethod]
    public void CachedView_ReadsTheColumnsBack_IntoTheSameMatrices()
    {
        var (ml, _, graphView, set) = Setup();

        var read = PropagationSource.Get(ml.Data.Cache(graphView), set, fallback: null);

        AssertSameCsr(ConversationGraphTransformer.Precompute(set.Conversations, Options), read);
    }

    [TestMethod]
    public void Columns_HoldTurnValues_AndANeighbourListInAnyOrderIsAccepted()
    {
        var (ml, _, graphView, set) = Setup();
        var rows = ml.Data.CreateEnumerable<GraphRow>(graphView, reuseRowObject: false).ToList();
        var turnsOf = set.Conversations.ToDictionary(c => c.Id, c => c.Turns.ToHashSet());
        Assert.IsTrue(rows.All(r => r.GfpNeighborTurns.All(turnsOf[r.DialogueId].Contains)), "columns hold turn values of the same conversation");
        foreach (var r in rows)
        {
            Array.Reverse(r.GfpNeighborTurns);
            Array.Reverse(r.GfpWeights);
        }

        var read = PropagationSource.Get(ml.Data.LoadFromEnumerable(rows), set, fallback: null);

        AssertSameCsr(ConversationGraphTransformer.Precompute(set.Conversations, Options), read);
    }

    [TestMethod]
    public void GraphLinkingToATurnNotInTheConversation_NamesColumnConversationAndTurn()
    {
        var (ml, _, graphView, _) = Setup();
        var rows = ml.Data.CreateEnumerable<GraphRow>(graphView, reuseRowObject: false).ToList();
        var victim = rows.First(r => r.GfpNeighborTurns.Length > 1);
        int removedTurn = victim.GfpNeighborTurns.First(t => t != victim.Turn);
        rows.RemoveAll(r => r.DialogueId == victim.DialogueId && r.Turn == removedTurn);
        var view = ml.Data.LoadFromEnumerable(rows);
        var set = ConversationGraphTransformer.InputReader(Options).Read(view);

        var e = Assert.ThrowsExactly<ConversationDataException>(() => PropagationSource.Get(view, set, fallback: null));

        StringAssert.Contains(e.Message, GraphColumns.NeighborTurns);
        StringAssert.Contains(e.Message, victim.DialogueId);
        StringAssert.Contains(e.Message, $"turn {removedTurn}");
    }

    [TestMethod]
    public void NonFiniteWeight_NamesTheWeightsColumn()
    {
        var (ml, _, graphView, set) = Setup();
        var rows = ml.Data.CreateEnumerable<GraphRow>(graphView, reuseRowObject: false).ToList();
        var victim = rows.First(r => r.GfpWeights.Length > 0);
        victim.GfpWeights[0] = float.NaN;

        var e = Assert.ThrowsExactly<ConversationDataException>(() => PropagationSource.Get(ml.Data.LoadFromEnumerable(rows), set, fallback: null));

        StringAssert.Contains(e.Message, GraphColumns.Weights);
        StringAssert.Contains(e.Message, victim.DialogueId);
    }

    [TestMethod]
    public void PredictionEngine_GraphStep_GivesTheRowItselfWithTheSelfOnlyWeight()
    {
        var (ml, raw, _, _) = Setup();
        var graph = ml.Transforms.PrecomputeConversationGraph(Options).Fit(raw);
        using var engine = ml.Model.CreatePredictionEngine<SyntheticUtterance, GraphRow>(graph);

        var row = engine.Predict(new SyntheticUtterance { DialogueId = "x", Turn = 42, Speaker = "s", Text = new float[4], Audio = new float[2], Visual = new float[2] });

        CollectionAssert.AreEqual(new[] { 42 }, row.GfpNeighborTurns);
        CollectionAssert.AreEqual(SingleRowConversation.Propagation(Options).Weight, row.GfpWeights);
    }

    private static void AssertSameCsr(IReadOnlyList<SparseRows> expected, IReadOnlyList<SparseRows> actual)
    {
        Assert.HasCount(expected.Count, actual);
        for (int c = 0; c < expected.Count; c++)
        {
            CollectionAssert.AreEqual(expected[c].RowPtr, actual[c].RowPtr, $"conversation {c} row pointers");
            CollectionAssert.AreEqual(expected[c].Column, actual[c].Column, $"conversation {c} columns");
            CollectionAssert.AreEqual(expected[c].Weight, actual[c].Weight, $"conversation {c} weights");
        }
    }

    /// <summary>The graph step's output row (the columns the model step reads).</summary>
    public sealed class GraphRow
    {
        public string DialogueId { get; set; } = "";

        public int Turn { get; set; }

        public string Speaker { get; set; } = "";

        public int[] GfpNeighborTurns { get; set; } = [];

        public float[] GfpWeights { get; set; } = [];
    }
}
