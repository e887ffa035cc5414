using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Prediction;
using ElrGnn.MLNet.Tests.Data;
using ElrGnn.MLNet.Tests.Guarantees;
using ElrGnn.MLNet.Tests.Pipeline;

namespace ElrGnn.MLNet.Tests.Prediction;

/// <summary>
/// <c>AddTurns</c> batches several streams and equals separate <c>Add</c> calls; a bad turn is a
/// <see cref="ConversationDataException"/> naming column, conversation and turn and leaves the stream usable; a stream
/// rebuilt from its history gives the same next result; streams run concurrently.
/// </summary>
[TestClass]
public sealed class ConversationStreamBatchTests
{
    private static readonly Lazy<ConversationPredictor<SyntheticUtterance, UtterancePrediction>> SharedPredictor =
        new(() => StreamingModels.Predictor(StreamingModels.Default));

    private static ConversationPredictor<SyntheticUtterance, UtterancePrediction> Predictor => SharedPredictor.Value;

    [TestMethod]
    public void AddTurns_SeveralStreams_EqualsSeparateAdds()
    {
        var conversations = new[] { 12, 1, 7, 20 }.Select((n, k) => StreamingModels.Conversation($"b{k}", n, seed: 40 + k)).ToArray();
        var separate = conversations.Select(c => { var s = Predictor.StartConversation(); return c.Select(s.Add).ToArray(); }).ToArray();

        var streams = conversations.Select(_ => Predictor.StartConversation()).ToArray();
        for (int t = 0; t < conversations.Max(c => c.Count); t++)
        {
            var live = Enumerable.Range(0, streams.Length).Where(k => t < conversations[k].Count).ToArray();
            var batched = Predictor.AddTurns([.. live.Select(k => (streams[k], conversations[k][t]))]);
            Assert.HasCount(live.Length, batched);
            for (int i = 0; i < live.Length; i++)
                StreamingModels.AssertSame(separate[live[i]][t], batched[i], $"stream {live[i]}, turn {t}", tolerance: 1e-6);
        }
    }

    [TestMethod]
    public void AddTurns_StreamOfAnotherPredictor_Throws()
    {
        var foreign = StreamingModels.Predictor(StreamingModels.Default).StartConversation();
        var turn = StreamingModels.Conversation("foreign", 1, seed: 2)[0];
        Assert.ThrowsExactly<ArgumentException>(() => Predictor.AddTurns([(foreign, turn)]));
        Assert.IsEmpty(foreign.History);
    }

    [TestMethod]
    public void AddTurns_SameStreamTwice_Throws()
    {
        var stream = Predictor.StartConversation();
        var turns = StreamingModels.Conversation("twice", 2, seed: 3);
        Assert.ThrowsExactly<ArgumentException>(() => Predictor.AddTurns([(stream, turns[0]), (stream, turns[1])]));
        Assert.IsEmpty(stream.History);
    }

    [TestMethod]
    public void AddTurns_OneBadTurn_LeavesEveryStreamUnchanged()
    {
        var a = StreamingModels.Conversation("a", 3, seed: 5);
        var b = StreamingModels.Conversation("b", 3, seed: 6);
        var (sa, sb) = (Predictor.StartConversation(), Predictor.StartConversation());
        Predictor.AddTurns([(sa, a[0]), (sb, b[0])]);
        b[1].Text[3] = float.NaN;

        var e = Assert.ThrowsExactly<ConversationDataException>(() => Predictor.AddTurns([(sa, a[1]), (sb, b[1])]));

        ConversationReaderErrorTests.AssertNames(e, "Text", "b", b[1].Turn);
        Assert.HasCount(1, sa.History);
        Assert.HasCount(1, sb.History);
        var expected = StreamingModels.PrefixPredictions(Predictor, a);
        StreamingModels.AssertSame(expected[1], sa.Add(a[1]), "stream a after the failed batch");
    }

    [TestMethod]
    public void Add_NonFiniteFeature_NamesColumnConversationAndTurn_AndStreamStaysUsable()
    {
        var conversation = StreamingModels.Conversation("nan", 4, seed: 11);
        var expected = StreamingModels.PrefixPredictions(Predictor, conversation);
        var stream = Predictor.StartConversation();
        stream.Add(conversation[0]);
        var bad = GuaranteeModel.Copy(conversation[1]);
        bad.Audio[1] = float.PositiveInfinity;

        var e = Assert.ThrowsExactly<ConversationDataException>(() => stream.Add(bad));

        ConversationReaderErrorTests.AssertNames(e, "Audio", "nan", conversation[1].Turn);
        Assert.HasCount(1, stream.History);
        for (int t = 1; t < conversation.Count; t++)
            StreamingModels.AssertSame(expected[t], stream.Add(conversation[t]), $"turn {t} after the bad one");
    }

    [TestMethod]
    public void Add_WrongFeatureWidth_NamesColumnConversationAndTurn()
    {
        var predictor = StreamingModels.Model(StreamingModels.Default)
            .CreateConversationPredictor<SyntheticUtterance, UtterancePrediction>(StreamingModels.MlContext);   // vectors of any size
        var conversation = StreamingModels.Conversation("wide", 2, seed: 12);
        var stream = predictor.StartConversation();
        stream.Add(conversation[0]);
        conversation[1].Visual = [.. conversation[1].Visual, 0.5f];

        var e = Assert.ThrowsExactly<ConversationDataException>(() => stream.Add(conversation[1]));

        ConversationReaderErrorTests.AssertNames(e, "Visual", "wide", conversation[1].Turn);
        Assert.HasCount(1, stream.History);
    }

    [TestMethod]
    public void Add_TurnNotAfterThePrevious_NamesTurnColumn()
    {
        var conversation = StreamingModels.Conversation("order", 3, seed: 13);
        var stream = Predictor.StartConversation();
        stream.Add(conversation[0]);
        stream.Add(conversation[2]);

        var e = Assert.ThrowsExactly<ConversationDataException>(() => stream.Add(conversation[1]));

        ConversationReaderErrorTests.AssertNames(e, "Turn", "order", conversation[1].Turn);
        Assert.HasCount(2, stream.History);
    }

    [TestMethod]
    public void Add_TurnOfAnotherConversation_NamesIdColumn()
    {
        var stream = Predictor.StartConversation();
        stream.Add(StreamingModels.Conversation("one", 1, seed: 14)[0]);
        var other = StreamingModels.Conversation("two", 2, seed: 15)[1];

        var e = Assert.ThrowsExactly<ConversationDataException>(() => stream.Add(other));

        ConversationReaderErrorTests.AssertNames(e, "DialogueId", "two", other.Turn);
        Assert.HasCount(1, stream.History);
    }

    [TestMethod]
    [DataRow(StreamingModels.Default)]
    [DataRow(StreamingModels.Transformer)]
    public void StartConversation_FromHistory_GivesTheSameNextResult(string variant)
    {
        var predictor = StreamingModels.Predictor(variant);
        var conversation = StreamingModels.Conversation("rebuild", 25, seed: 16);
        var original = predictor.StartConversation();
        foreach (var turn in conversation.Take(24))
            original.Add(turn);

        var rebuilt = predictor.StartConversation(original.History);

        CollectionAssert.AreEqual(original.History.ToArray(), rebuilt.History.ToArray());
        StreamingModels.AssertSame(original.Add(conversation[24]), rebuilt.Add(conversation[24]), "turn 24", tolerance: 1e-6);
    }

    [TestMethod]
    public void StartConversation_HistoryOutOfOrder_Throws()
    {
        var conversation = StreamingModels.Conversation("shuffled", 3, seed: 17);
        Assert.ThrowsExactly<ConversationDataException>(() => Predictor.StartConversation([conversation[1], conversation[0]]));
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Add_ManyStreamsOnManyThreads_EqualsOneThread()
    {
        var conversations = Enumerable.Range(0, 6).Select(k => StreamingModels.Conversation($"p{k}", 8, seed: 60 + k)).ToArray();
        var sequential = conversations.Select(c => { var s = Predictor.StartConversation(); return c.Select(s.Add).ToArray(); }).ToArray();

        var parallel = new UtterancePrediction[conversations.Length][];
        Parallel.For(0, conversations.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            var s = Predictor.StartConversation();
            parallel[k] = conversations[k].Select(s.Add).ToArray();
        });

        for (int k = 0; k < conversations.Length; k++)
            for (int t = 0; t < conversations[k].Count; t++)
                StreamingModels.AssertSame(sequential[k][t], parallel[k][t], $"stream {k}, turn {t}", tolerance: 1e-6);
    }
}
