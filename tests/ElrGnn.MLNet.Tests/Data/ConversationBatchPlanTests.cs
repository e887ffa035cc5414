using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Tests.Data;

[TestClass]
public sealed class ConversationBatchPlanTests
{
    [TestMethod]
    public void FromLengths_Sequential_ComputesOffsetsMaskAndPaddedIndices()
    {
        var plan = ConversationBatchPlan.FromLengths([3, 1, 2, 4, 5], batchSize: 3);

        Assert.HasCount(2, plan.Batches);
        var first = plan.Batches[0];
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, first.ConversationIndices);
        Assert.AreEqual(3, first.MaxLength);
        CollectionAssert.AreEqual(new[] { 0, 3, 4, 6 }, first.NodeOffsets);
        Assert.AreEqual(6, first.TotalNodes);
        CollectionAssert.AreEqual(new[] { true, true, true, true, false, false, true, true, false }, first.Mask);
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 6, 7 }, first.PaddedIndexOfNode);
        Assert.AreEqual(5, first.NodeIndex(2, 1));

        var last = plan.Batches[1];
        CollectionAssert.AreEqual(new[] { 3, 4 }, last.ConversationIndices);
        Assert.AreEqual(5, last.MaxLength);
        CollectionAssert.AreEqual(new[] { 0, 4, 9 }, last.NodeOffsets);
        Assert.AreEqual(9, last.TotalNodes);
        Assert.AreEqual(9, last.Mask.Count(m => m));
        Assert.IsFalse(last.Mask[4]);
    }

    [TestMethod]
    public void Shuffled_SameSeed_SamePlanAndEveryConversationOnce()
    {
        var conversations = Enumerable.Range(0, 40).Select(i => Conversation($"c{i}", 1 + i % 7)).ToArray();

        var a = ConversationBatchPlan.Shuffled(conversations, new Random(5), batchSize: 16);
        var b = ConversationBatchPlan.Shuffled(conversations, new Random(5), batchSize: 16);
        var other = ConversationBatchPlan.Shuffled(conversations, new Random(6), batchSize: 16);

        CollectionAssert.AreEqual(a.Order.ToArray(), b.Order.ToArray());
        CollectionAssert.AreNotEqual(a.Order.ToArray(), other.Order.ToArray());
        CollectionAssert.AreNotEqual(Enumerable.Range(0, 40).ToArray(), a.Order.ToArray());
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 40).ToArray(), a.Batches.SelectMany(x => x.ConversationIndices).ToArray());
        CollectionAssert.AreEqual(new[] { 16, 16, 8 }, a.Batches.Select(x => x.Count).ToArray());
        foreach (var batch in a.Batches)
            CollectionAssert.AreEqual(batch.ConversationIndices.Select(i => conversations[i].Length).ToArray(), batch.Lengths);
    }

    [TestMethod]
    public void Sequential_DefaultBatchSize_Is16InInputOrder()
    {
        var conversations = Enumerable.Range(0, 20).Select(i => Conversation($"c{i}", 2)).ToArray();

        var plan = ConversationBatchPlan.Sequential(conversations);

        Assert.AreEqual(16, plan.BatchSize);
        CollectionAssert.AreEqual(Enumerable.Range(0, 20).ToArray(), plan.Order.ToArray());
        CollectionAssert.AreEqual(new[] { 16, 4 }, plan.Batches.Select(x => x.Count).ToArray());
    }

    [TestMethod]
    public void FromLengths_EmptyConversation_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => ConversationBatchPlan.FromLengths([2, 0]));
    }

    private static Conversation Conversation(string id, int length) => new(
        id,
        Enumerable.Range(0, length).ToArray(),
        Enumerable.Repeat("s", length).ToArray(),
        new int[length],
        [new float[length]],
        Enumerable.Range(0, length).Select(i => (long)i).ToArray());
}
