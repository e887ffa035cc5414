using ElrGnn.MLNet.Prediction;
using ElrGnn.MLNet.Tests.Pipeline;

namespace ElrGnn.MLNet.Tests.Prediction;

/// <summary>
/// A streamed turn equals the full pipeline on the prefix (<c>Predict(prefix)[^1]</c>) on every turn, for the
/// incremental variants and the full-rerun fallbacks, and the incremental work per turn stays within the window.
/// </summary>
[TestClass]
public sealed class ConversationStreamIncrementalTests
{
    [TestMethod]
    [DataRow(StreamingModels.Default, 150)]
    [DataRow(StreamingModels.BiLstmOnly, 30)]
    [DataRow(StreamingModels.TwoSpeakerLayers, 30)]
    [DataRow(StreamingModels.Concatenated, 30)]
    [DataRow(StreamingModels.Transformer, 30)]
    [DataRow(StreamingModels.TwoLstmLayers, 30)]
    public void Add_EveryTurn_EqualsPredictOnThePrefix(string variant, int longest)
    {
        var predictor = StreamingModels.Predictor(variant);
        foreach (int length in new[] { 1, 2, 30, 150 }.Where(n => n <= longest))
        {
            var conversation = StreamingModels.Conversation($"c{length}", length, seed: length);
            var expected = StreamingModels.PrefixPredictions(predictor, conversation);
            var stream = predictor.StartConversation();
            for (int t = 0; t < length; t++)
            {
                var actual = stream.Add(conversation[t]);
                Assert.AreEqual(conversation[t].Turn, actual.Turn);
                StreamingModels.AssertSame(expected[t], actual, $"{variant}, {length} turns, turn {t}");
            }
            Assert.HasCount(length, stream.History);
        }
    }

    [TestMethod]
    [DataRow(StreamingModels.BiLstmOnly)]
    [DataRow(StreamingModels.TwoSpeakerLayers)]
    [DataRow(StreamingModels.Concatenated)]
    [DataRow(StreamingModels.Transformer)]
    public void Add_LastTurnsOf150_EqualPredictOnThePrefix(string variant)
    {
        // The first 140 turns warm the stream in one pass (StartConversation(history)); the last ten are streamed.
        const int length = 150, streamed = 10;
        var predictor = StreamingModels.Predictor(variant);
        var conversation = StreamingModels.Conversation("c150", length, seed: 150);
        var rows = Enumerable.Range(length - streamed, streamed)
            .SelectMany(t => conversation.Take(t + 1).Select(r => StreamingModels.Renamed(r, $"prefix{t}"))).ToList();
        var scored = predictor.Predict(rows);
        var stream = predictor.StartConversation(conversation.Take(length - streamed));
        int end = 0;
        for (int t = length - streamed; t < length; t++)
        {
            end += t + 1;
            StreamingModels.AssertSame(scored[end - 1], stream.Add(conversation[t]), $"{variant}, turn {t}");
        }
    }

    [TestMethod]
    [DataRow(StreamingModels.Default, true)]
    [DataRow(StreamingModels.BiLstmOnly, true)]
    [DataRow(StreamingModels.TwoSpeakerLayers, true)]
    [DataRow(StreamingModels.Concatenated, true)]
    [DataRow(StreamingModels.Transformer, false)]
    [DataRow(StreamingModels.TwoLstmLayers, false)]
    public void Add_OnlySingleLayerBiLstmEncoders_StreamIncrementally(string variant, bool incremental)
    {
        var stream = StreamingModels.Predictor(variant).StartConversation();
        stream.Add(StreamingModels.Conversation("c", 1, seed: 1)[0]);
        Assert.AreEqual(incremental, stream.LastTurnWork!.Incremental);
    }

    [TestMethod]
    public void Add_Turn150_WorkStaysWithinTheContextWindow()
    {
        // Default graph: N_ord = 6 hops over edges up to max(w_loc, L·δ) = 16 back; speaker window 2·p·L = 20.
        const int windowBound = 6 * 16 + 1;
        var conversation = StreamingModels.Conversation("long", 150, seed: 7);
        var stream = StreamingModels.Predictor(StreamingModels.Default).StartConversation(conversation.Take(140));
        foreach (var turn in conversation.Skip(140))
            stream.Add(turn);

        var work = stream.LastTurnWork!;
        Assert.IsTrue(work.Incremental);
        Assert.IsLessThanOrEqualTo(windowBound, work.Nodes);
        Assert.IsLessThanOrEqualTo(3 * (windowBound + 1), work.LstmSteps, "three Bi-LSTMs: one forward step and the backward suffix each");
    }

    [TestMethod]
    public void Add_BiLstmOnly_CostsOneStepPerDirection()
    {
        var conversation = StreamingModels.Conversation("long", 150, seed: 8);
        var stream = StreamingModels.Predictor(StreamingModels.BiLstmOnly).StartConversation(conversation.Take(149));
        stream.Add(conversation[149]);

        Assert.AreEqual(1, stream.LastTurnWork!.Nodes);
        Assert.AreEqual(3 * 2, stream.LastTurnWork.LstmSteps);
    }

    [TestMethod]
    public void Add_TwoSpeakerLayers_ReadsBackTwoWindowStepsPerLayer()
    {
        // p = 3, L = 2 → 2·p·L = 12 turns back; Π's row may reach further, within N_ord·16.
        var conversation = StreamingModels.Conversation("long", 60, seed: 9);
        var stream = StreamingModels.Predictor(StreamingModels.TwoSpeakerLayers).StartConversation(conversation.Take(59));
        stream.Add(conversation[59]);

        Assert.IsGreaterThanOrEqualTo(13, stream.LastTurnWork!.Nodes);
        Assert.IsLessThanOrEqualTo(6 * 16 + 1, stream.LastTurnWork.Nodes);
    }
}
