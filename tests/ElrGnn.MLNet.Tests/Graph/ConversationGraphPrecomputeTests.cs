using ElrGnn.MLNet.Graph;

namespace ElrGnn.MLNet.Tests.Graph;

[TestClass]
public sealed class ConversationGraphPrecomputeTests
{
    private static List<int[]> Conversations(int count, int seed)
    {
        var rng = new Random(seed);
        var list = new List<int[]> { Array.Empty<int>(), new[] { 0 } };
        while (list.Count < count)
            list.Add(TestGraphs.AlternatingSpeakers(rng.Next(2, 90), rng.Next()));
        return list;
    }

    private static void AssertSame(SparseRows expected, SparseRows actual, string where)
    {
        CollectionAssert.AreEqual(expected.RowPtr, actual.RowPtr, where);
        CollectionAssert.AreEqual(expected.Column, actual.Column, where);
        CollectionAssert.AreEqual(expected.Weight, actual.Weight, where);
    }

    [TestMethod]
    public void Run_Parallel_EqualsSequential()
    {
        var conversations = Conversations(60, 11);
        foreach (var options in new[] { new ConversationGraphOptions(), ConversationGraphOptions.ForMeld(),
                     new ConversationGraphOptions { DilationMode = DilationMode.HopOrders, Dilation = 2, SpeakerLinks = true } })
        {
            var sequential = ConversationGraphPrecompute.Run(conversations, options, maxDegreeOfParallelism: 1);
            var parallel = ConversationGraphPrecompute.Run(conversations, options, maxDegreeOfParallelism: 4);
            var auto = ConversationGraphPrecompute.Run(conversations, options);
            Assert.HasCount(conversations.Count, parallel);
            for (int c = 0; c < conversations.Count; c++)
            {
                AssertSame(sequential[c], parallel[c], $"conversation {c}");
                AssertSame(sequential[c], auto[c], $"conversation {c}");
                AssertSame(sequential[c], ConversationGraphPrecompute.RunOne(conversations[c], options), $"conversation {c}");
            }
        }
    }

    [TestMethod]
    public void Run_EmptyAndOneTurnConversations_GiveEmptyAndSelfOnlyRows()
    {
        var result = ConversationGraphPrecompute.Run([[], [1]], new ConversationGraphOptions());
        Assert.AreEqual(0, result[0].NodeCount);
        Assert.AreEqual(0, result[0].NonZeroCount);
        CollectionAssert.AreEqual(new[] { 0 }, result[1].Column);
        Assert.AreEqual(1f, result[1].Weight[0], 1e-6f);
        Assert.IsEmpty(ConversationGraphPrecompute.Run([], new ConversationGraphOptions()));
    }

    [TestMethod]
    public void Run_ReportsProgressUpToCount()
    {
        var conversations = Conversations(25, 3);
        var progress = new Recorder();
        ConversationGraphPrecompute.Run(conversations, new ConversationGraphOptions(), progress);
        CollectionAssert.AreEquivalent(Enumerable.Range(1, 25).ToArray(), progress.Values.ToArray());
    }

    [TestMethod]
    public void Run_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => ConversationGraphPrecompute.Run(Conversations(10, 1), new ConversationGraphOptions(), null, cts.Token));
        Assert.Throws<OperationCanceledException>(() => ConversationGraphPrecompute.Run(Conversations(10, 1), new ConversationGraphOptions(), 1, null, cts.Token));
    }

    [TestMethod]
    public void Run_InvalidOptionsOrInputs_Throw()
    {
        var bad = new ConversationGraphOptions { TopK = 0 };
        Assert.AreEqual(nameof(ConversationGraphOptions.TopK),
            Assert.Throws<ArgumentOutOfRangeException>(() => ConversationGraphPrecompute.Run([[0]], bad)).ParamName);
        Assert.Throws<ArgumentNullException>(() => ConversationGraphPrecompute.Run([[0], null!], new ConversationGraphOptions()));
        Assert.AreEqual("maxDegreeOfParallelism",
            Assert.Throws<ArgumentOutOfRangeException>(() => ConversationGraphPrecompute.Run([[0]], new ConversationGraphOptions(), 0)).ParamName);
    }

    private sealed class Recorder : IProgress<int>
    {
        private readonly List<int> _values = [];

        public IReadOnlyList<int> Values
        {
            get { lock (_values) return [.. _values]; }
        }

        public void Report(int value)
        {
            lock (_values) _values.Add(value);
        }
    }
}
