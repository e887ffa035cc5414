using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Data.Pickle;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.Pickle;

/// <summary>Community feature files as ML.NET data views: one row per utterance, fixed-size vectors.</summary>
[TestClass]
public sealed class CommunityDataViewTests
{
    [TestMethod]
    public void ToDataViews_IemocapSample_HasRowCountsAndSchema()
    {
        var file = CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.Iemocap), new() { ValidFraction = 0.5 });

        var views = file.ToDataViews(new MLContext(seed: 1));

        Assert.AreEqual(4L, views.Train.GetRowCount());
        Assert.AreEqual(3L, views.Valid.GetRowCount());
        Assert.AreEqual(2L, views.Test.GetRowCount());
        var schema = views.Train.Schema;
        Assert.AreEqual(TextDataViewType.Instance, schema[ConversationColumns.ConversationId].Type);
        Assert.AreEqual(NumberDataViewType.Int32, schema[ConversationColumns.Turn].Type);
        Assert.AreEqual(TextDataViewType.Instance, schema[ConversationColumns.Speaker].Type);
        Assert.AreEqual(TextDataViewType.Instance, schema[ConversationColumns.Label].Type);
        Assert.AreEqual(NumberDataViewType.Int32, schema[CommunityFeatureFile.LabelIndexColumn].Type);
        Assert.AreEqual(TextDataViewType.Instance, schema[ConversationColumns.Utterance].Type);
        AssertVector(schema, ConversationColumns.Text, 100);
        AssertVector(schema, ConversationColumns.Audio, 1582);
        AssertVector(schema, ConversationColumns.Visual, 342);
    }

    [TestMethod]
    public void ToDataViews_IemocapSample_RowsCarryValues()
    {
        var file = CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.Iemocap), new() { ValidFraction = 0.5 });

        var valid = file.ToDataViews(new MLContext(seed: 1)).Valid;

        CollectionAssert.AreEqual(new[] { "Ses01F_impro01", "Ses01F_impro01", "Ses01F_impro01" }, valid.GetColumn<string>(ConversationColumns.ConversationId).ToArray());
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, valid.GetColumn<int>(ConversationColumns.Turn).ToArray());
        CollectionAssert.AreEqual(new[] { "F", "M", "F" }, valid.GetColumn<string>(ConversationColumns.Speaker).ToArray());
        CollectionAssert.AreEqual(new[] { "neu", "fru", "hap" }, valid.GetColumn<string>(ConversationColumns.Label).ToArray());
        CollectionAssert.AreEqual(new[] { 2, 5, 0 }, valid.GetColumn<int>(CommunityFeatureFile.LabelIndexColumn).ToArray());
        Assert.AreEqual("Synthetic utterance 1 of Ses01F_impro01.", valid.GetColumn<string>(ConversationColumns.Utterance).ElementAt(1));
        var text = valid.GetColumn<float[]>(ConversationColumns.Text).First();
        CollectionAssert.AreEqual(new[] { -1.043425440788269f, -2.2694711685180664f, 0.5338203310966492f, -1.0816168785095215f, -0.4194582998752594f }, text[..5]);
    }

    [TestMethod]
    public void ToDataViews_MeldSample_UsesSpeakerIndexNamesAndMeldLabels()
    {
        var file = CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.Meld));

        var views = file.ToDataViews(new MLContext(seed: 1));

        CollectionAssert.AreEqual(new[] { "speaker0", "speaker1", "speaker0" }, views.Train.GetColumn<string>(ConversationColumns.Speaker).ToArray());
        CollectionAssert.AreEqual(new[] { "neutral", "surprise", "joy" }, views.Train.GetColumn<string>(ConversationColumns.Label).ToArray());
        Assert.AreEqual(4L, views.Valid.GetRowCount());
        AssertVector(views.Test.Schema, ConversationColumns.Text, 600);
    }

    [TestMethod]
    public void ToDataViews_FileWithoutAudioOrVisual_HasNoSuchColumns()
    {
        var file = CommunityFeatureFile.FromObject(CommunityGraphs.IemocapRoberta());

        var train = file.ToDataViews(new MLContext(seed: 1)).Train;

        AssertVector(train.Schema, ConversationColumns.Text, 2);
        Assert.IsNull(train.Schema.GetColumnOrNull(ConversationColumns.Audio));
        Assert.IsNull(train.Schema.GetColumnOrNull(ConversationColumns.Visual));
    }

    [TestMethod]
    public void ToDataView_UnknownDialogue_Throws()
    {
        var file = CommunityFeatureFile.FromObject(CommunityGraphs.IemocapRoberta());

        Assert.ThrowsExactly<ArgumentException>(() => file.ToDataView(new MLContext(seed: 1), ["nope"]));
    }

    private static void AssertVector(DataViewSchema schema, string column, int size)
    {
        var type = schema[column].Type as VectorDataViewType;
        Assert.IsNotNull(type, column);
        Assert.AreEqual(NumberDataViewType.Single, type.ItemType, column);
        Assert.AreEqual(size, type.Size, column);
    }
}
