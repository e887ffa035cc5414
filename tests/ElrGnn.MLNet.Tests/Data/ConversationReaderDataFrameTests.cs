using ElrGnn.MLNet.Data;
using Microsoft.Data.Analysis;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.Data;

[TestClass]
public sealed class ConversationReaderDataFrameTests
{
    [TestMethod]
    public void Read_DataFrameWithStringIntScalarAndVBufferColumns_GroupsAndConverts()
    {
        var audio = new VBufferDataFrameColumn<float>("Audio", 4);
        audio[0] = new VBuffer<float>(2, [1f, 2f]);
        audio[1] = new VBuffer<float>(2, [3f, 4f]);
        audio[2] = new VBuffer<float>(2, [5f, 6f]);
        audio[3] = new VBuffer<float>(2, 1, [7f], [1]); // sparse: [0, 7]
        var frame = new DataFrame(
            new StringDataFrameColumn("DialogueId", ["d1", "d2", "d1", "d2"]),
            new Int32DataFrameColumn("Turn", [1, 0, 0, 1]),
            new StringDataFrameColumn("Speaker", ["Ann", "Bo", "Cy", "Bo"]),
            new StringDataFrameColumn("Label", ["up", "down", "down", "up"]),
            new SingleDataFrameColumn("Text", [0.1f, 0.2f, 0.3f, 0.4f]),
            audio);

        var set = ConversationReader.Read(frame, ReaderTestData.Options());

        CollectionAssert.AreEqual(new[] { "d1", "d2" }, set.Conversations.Select(c => c.Id).ToArray());
        var d1 = set.Conversations[0];
        CollectionAssert.AreEqual(new[] { 0, 1 }, d1.Turns);
        CollectionAssert.AreEqual(new[] { "Cy", "Ann" }, d1.Speakers);
        CollectionAssert.AreEqual(new long[] { 2, 0 }, d1.RowIds);
        CollectionAssert.AreEqual(new[] { 0.3f, 0.1f }, d1.Features[0]);
        CollectionAssert.AreEqual(new[] { 5f, 6f, 1f, 2f }, d1.Features[1]);
        CollectionAssert.AreEqual(new[] { 3f, 4f, 0f, 7f }, set.Conversations[1].Features[1]);
        CollectionAssert.AreEqual(new[] { "down", "up" }, set.LabelNames.ToArray());
        CollectionAssert.AreEqual(new[] { 0, 1 }, d1.Labels);
    }

    [TestMethod]
    public void Read_DataFrameWithNaNFeature_NamesColumnConversationAndTurn()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("DialogueId", ["d1", "d1"]),
            new Int32DataFrameColumn("Turn", [0, 1]),
            new StringDataFrameColumn("Speaker", ["Ann", "Bo"]),
            new StringDataFrameColumn("Label", ["up", "down"]),
            new SingleDataFrameColumn("Text", [0.1f, float.NaN]),
            new SingleDataFrameColumn("Audio", [1f, 2f]));

        var e = Assert.ThrowsExactly<ConversationDataException>(() => ConversationReader.Read(frame, ReaderTestData.Options()));

        Assert.AreEqual("Text", e.Column);
        Assert.AreEqual("d1", e.ConversationId);
        Assert.AreEqual(1, e.Turn);
    }
}
