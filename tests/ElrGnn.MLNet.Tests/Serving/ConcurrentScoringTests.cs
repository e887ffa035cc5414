using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Tests.Guarantees;
using ElrGnn.MLNet.Tests.Pipeline;
using ElrGnn.MLNet.Training;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Serving;

/// <summary>Scoring has no global lock: concurrent callers and any scoring thread count give the bits of serial scoring.</summary>
[TestClass]
public sealed class ConcurrentScoringTests
{
    private static readonly Lazy<List<List<SyntheticUtterance>>> Conversations = new(() =>
        new SyntheticConversations(new SyntheticConversationsOptions
        {
            Seed = 11, NumberOfConversations = 48, MinLength = 2, MaxLength = 14,
            NumberOfClasses = 3, TextDimension = 8, AudioDimension = 4, VisualDimension = 4,
        }).Rows.Select(GuaranteeModel.Copy).GroupBy(r => r.DialogueId).Select(g => g.ToList()).ToList());

    private static (ITransformer Model, ElrGnnTransformer Network) LoadModel()
    {
        var model = GuaranteeModel.Load(GuaranteeModel.Instance.SavedPath);
        return (model, ((IEnumerable<ITransformer>)model).OfType<ElrGnnTransformer>().Single());
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public void Transform_ManyThreadsOnManyConversations_EqualsOneThreadBitForBit()
    {
        var (model, network) = LoadModel();
        var conversations = Conversations.Value;
        Assert.IsGreaterThanOrEqualTo(40, conversations.Count);
        const int calls = 64;
        // Each call scores a different mix of conversations (1 to 7 of them).
        var members = Enumerable.Range(0, calls)
            .Select(k => Enumerable.Range(0, 1 + k % 7).Select(j => (k * 5 + j * 11) % conversations.Count).Distinct().ToArray()).ToArray();
        float[][] Score(int k) => GuaranteeModel.Instance.Scores(members[k].SelectMany(m => conversations[m]), model);
        network.ScoringThreads = 1;
        var serial = Enumerable.Range(0, calls).Select(Score).ToArray();

        network.ScoringThreads = 2;
        var parallel = new float[calls][][];
        Parallel.For(0, calls, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k => parallel[k] = Score(k));

        for (int k = 0; k < calls; k++)
            GuaranteeModel.AssertBitIdentical(serial[k], parallel[k], $"call {k}");
    }

    [TestMethod]
    public void ScoringThreads_OneOrFour_GiveIdenticalBits_OnTheWholeSet()
    {
        var (model, network) = LoadModel();
        var rows = Conversations.Value.SelectMany(c => c).ToList();
        network.ScoringThreads = 1;
        var one = GuaranteeModel.Instance.Scores(rows, model);
        network.ScoringThreads = 4;
        var four = GuaranteeModel.Instance.Scores(rows, model);

        GuaranteeModel.AssertBitIdentical(one, four, "4 scoring threads");
        GuaranteeModel.AssertProbabilities(four);
    }

    [TestMethod]
    public void ScoringThreads_OutOfRange_IsRejected()
    {
        var (_, network) = LoadModel();
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => network.ScoringThreads = 0);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => network.ScoringThreads = 1025);
        Assert.AreEqual(Environment.ProcessorCount, LoadModel().Network.ScoringThreads, "default: one per core");
    }

    [TestMethod]
    public void Batches_SortByLength_AndCutAtTheBatchSize()
    {
        int[] lengths = [3, 1, 3, 2, 1];
        var items = lengths.Select((n, c) => new BatchItem(Conversation(c, n), null, null)).ToArray();

        var batches = NetworkPredictor.Batches(items, 2);

        Assert.HasCount(3, batches);
        CollectionAssert.AreEqual(new[] { 1, 4 }, batches[0]);
        CollectionAssert.AreEqual(new[] { 3, 0 }, batches[1]);
        CollectionAssert.AreEqual(new[] { 2 }, batches[2]);
    }

    [TestMethod]
    public void Batches_BreakLengthTiesByConversationId_NotByArrival()
    {
        // Same conversations, arriving in opposite orders: the batches must hold the same conversations.
        var forward = new[] { 4, 3, 2, 1 }.Select(c => new BatchItem(Conversation(c, 2), null, null)).ToArray();
        var backward = forward.Reverse().ToArray();

        var a = NetworkPredictor.Batches(forward, 2).Select(b => b.Select(i => forward[i].Conversation.Id).ToArray()).ToArray();
        var b = NetworkPredictor.Batches(backward, 2).Select(b => b.Select(i => backward[i].Conversation.Id).ToArray()).ToArray();

        Assert.HasCount(2, a);
        CollectionAssert.AreEqual(new[] { "c1", "c2" }, a[0]);
        CollectionAssert.AreEqual(a[0], b[0]);
        CollectionAssert.AreEqual(a[1], b[1]);
    }

    private static Conversation Conversation(int id, int length) => new($"c{id}", [.. Enumerable.Range(0, length)],
        [.. Enumerable.Repeat("a", length)], [.. Enumerable.Repeat(-1, length)], [new float[length]], [.. Enumerable.Range(0, length).Select(i => (long)i)]);
}
