using System.Reflection;
using ElrGnn.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.Data;

[TestClass]
public sealed class ConversationReaderTests
{
    [TestMethod]
    public void Read_ShuffledRows_GroupsByFirstAppearanceAndOrdersByTurn()
    {
        var set = ConversationReader.Read(ReaderTestData.View(ReaderTestData.ShuffledRows()), ReaderTestData.Options());

        Assert.HasCount(2, set.Conversations);
        var b = set.Conversations[0];
        var a = set.Conversations[1];
        Assert.AreEqual("b", b.Id);
        Assert.AreEqual("a", a.Id);
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 5 }, b.Turns);
        CollectionAssert.AreEqual(new[] { "Ross", "Rachel", "Joey", "Joey" }, b.Speakers);
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 2 }, b.SpeakerIndex);
        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, a.Turns);
        CollectionAssert.AreEqual(new[] { "M", "F", "M" }, a.Speakers);
        CollectionAssert.AreEqual(new long[] { 2, 6, 0, 4 }, b.RowIds);
        CollectionAssert.AreEqual(new long[] { 3, 1, 5 }, a.RowIds);
        // Features travel with their row: Text = [row position, turn], Audio = [10 · turn].
        CollectionAssert.AreEqual(new float[] { 2, 0, 6, 1, 0, 2, 4, 5 }, b.Features[0]);
        CollectionAssert.AreEqual(new float[] { 0, 10, 20, 50 }, b.Features[1]);
        CollectionAssert.AreEqual(new[] { 2, 1 }, set.FeatureDimensions.ToArray());
        Assert.AreEqual(7L, set.RowCount);
    }

    [TestMethod]
    public void ToRowOrder_PerUtteranceValues_ReturnInInputRowOrder()
    {
        var rows = ReaderTestData.ShuffledRows();
        var set = ConversationReader.Read(ReaderTestData.View(rows), ReaderTestData.Options());

        var perConversation = set.Conversations
            .Select(c => (IReadOnlyList<string>)c.Turns.Select(t => $"{c.Id}:{t}").ToArray()).ToList();
        var inRowOrder = set.ToRowOrder(perConversation);

        CollectionAssert.AreEqual(rows.Select(r => $"{r.DialogueId}:{r.Turn}").ToArray(), inRowOrder);
    }

    [TestMethod]
    public void Read_TextLabels_SortedOrdinallyWhateverTheRowOrder()
    {
        var rows = ReaderTestData.ShuffledRows();
        var forward = ConversationReader.Read(ReaderTestData.View(rows), ReaderTestData.Options());
        var backward = ConversationReader.Read(ReaderTestData.View(rows.Reverse().Select(Clone)), ReaderTestData.Options());

        CollectionAssert.AreEqual(new[] { "anger", "joy", "neutral", "sad" }, forward.LabelNames.ToArray());
        CollectionAssert.AreEqual(forward.LabelNames.ToArray(), backward.LabelNames.ToArray());
        var b = forward.Conversations[0];
        CollectionAssert.AreEqual(new[] { "anger", "neutral", "joy", "joy" }, b.Labels.Select(l => forward.Labels[l]).ToArray());
    }

    [TestMethod]
    public void Read_KeyLabelWithKeyValues_MatchesTextLabelsByName()
    {
        var ml = new MLContext(seed: 1);
        var view = ReaderTestData.View(ReaderTestData.ShuffledRows());
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(view).Transform(view);

        var fromText = ConversationReader.Read(view, ReaderTestData.Options());
        var fromKey = ConversationReader.Read(keyed, ReaderTestData.Options());

        // Key order is by occurrence (joy, sad, anger, neutral), text order is sorted; names agree per utterance.
        CollectionAssert.AreEqual(new[] { "joy", "sad", "anger", "neutral" }, fromKey.LabelNames.ToArray());
        for (int c = 0; c < fromText.Conversations.Count; c++)
        {
            CollectionAssert.AreEqual(
                fromText.Conversations[c].Labels.Select(l => fromText.Labels[l]).ToArray(),
                fromKey.Conversations[c].Labels.Select(l => fromKey.Labels[l]).ToArray());
        }
    }

    [TestMethod]
    public void Read_KeyLabelWithFixedList_MapsKeyNamesToFixedIndices()
    {
        var ml = new MLContext(seed: 1);
        var view = ReaderTestData.View(ReaderTestData.ShuffledRows());
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(view).Transform(view);
        string[] fixedNames = ["neutral", "joy", "sad", "anger"];

        var set = ConversationReader.Read(keyed, ReaderTestData.Options(labelNames: fixedNames));

        CollectionAssert.AreEqual(fixedNames, set.LabelNames.ToArray());
        CollectionAssert.AreEqual(new[] { 3, 0, 1, 1 }, set.Conversations[0].Labels);
    }

    [TestMethod]
    public void Read_TextFileWithUntypedKeyLabelLongIdsAndFloatTurns_ConvertsEveryColumn()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "utterances.tsv");
        File.WriteAllLines(path,
        [
            "id\tturn\tspeaker\tlabel\tt0\tt1\tt2\taudio",
            "7\t1\tM\t2\t1\t2\t3\t0.5",
            "7\t0\tF\t0\t4\t5\t6\t0.25",
            "9\t0\tM\t1\t7\t8\t9\t1",
        ]);
        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromTextFile(path,
        [
            new TextLoader.Column("DialogueId", DataKind.Int64, 0),
            new TextLoader.Column("Turn", DataKind.Single, 1),
            new TextLoader.Column("Speaker", DataKind.String, 2),
            new TextLoader.Column("Label", DataKind.UInt32, [new TextLoader.Range(3)], new KeyCount(3)),
            new TextLoader.Column("Text", DataKind.Single, 4, 6),
            new TextLoader.Column("Audio", DataKind.Double, 7),
        ], hasHeader: true);

        var set = ConversationReader.Read(view, ReaderTestData.Options());

        CollectionAssert.AreEqual(new[] { "7", "9" }, set.Conversations.Select(c => c.Id).ToArray());
        // A key without key values: class index = key − 1; TextLoader stores file value v as key v + 1.
        CollectionAssert.AreEqual(new[] { "0", "1", "2" }, set.LabelNames.ToArray());
        CollectionAssert.AreEqual(new[] { 0, 2 }, set.Conversations[0].Labels);
        CollectionAssert.AreEqual(new[] { 1 }, set.Conversations[1].Labels);
        var first = set.Conversations[0];
        CollectionAssert.AreEqual(new[] { 0, 1 }, first.Turns);
        CollectionAssert.AreEqual(new float[] { 4, 5, 6, 1, 2, 3 }, first.Features[0]);
        CollectionAssert.AreEqual(new float[] { 0.25f, 0.5f }, first.Features[1]);
    }

    [TestMethod]
    public void Read_DoubleVectorAndScalarFloatFeatures_ConvertToFloatMatrices()
    {
        var rows = new[]
        {
            new MixedTypeRow { DialogueId = "x", Turn = 1, Speaker = "A", Label = "p", Text = [1.5, 2.5], Audio = 3f },
            new MixedTypeRow { DialogueId = "x", Turn = 0, Speaker = "B", Label = "q", Text = [0.5, -1], Audio = -2f },
        };
        var view = new MLContext(seed: 1).Data.LoadFromEnumerable(rows);

        var set = ConversationReader.Read(view, ReaderTestData.Options());

        var x = set.Conversations.Single();
        CollectionAssert.AreEqual(new float[] { 0.5f, -1, 1.5f, 2.5f }, x.Features[0]);
        CollectionAssert.AreEqual(new float[] { -2, 3 }, x.Features[1]);
        CollectionAssert.AreEqual(new[] { 2, 1 }, set.FeatureDimensions.ToArray());
    }

    [TestMethod]
    public void Read_FixedListWithOptionalLabels_UnknownAndMissingBecomeMinusOne()
    {
        var rows = new[]
        {
            UtteranceRow.Make("a", 0, "M", "joy"),
            UtteranceRow.Make("a", 1, "F", "boredom"),
            UtteranceRow.Make("a", 2, "M", ""),
        };

        var set = ConversationReader.Read(ReaderTestData.View(rows), ReaderTestData.Options(requireLabels: false, labelNames: ["sad", "joy"]));

        CollectionAssert.AreEqual(new[] { 1, -1, -1 }, set.Conversations[0].Labels);
        CollectionAssert.AreEqual(new[] { "sad", "joy" }, set.LabelNames.ToArray());
    }

    [TestMethod]
    public void Read_NoLabelColumnWhenLabelsOptional_GivesMinusOneEverywhere()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.Transforms.DropColumns("Label").Fit(ReaderTestData.View(ReaderTestData.ShuffledRows()))
            .Transform(ReaderTestData.View(ReaderTestData.ShuffledRows()));

        var set = ConversationReader.Read(view, ReaderTestData.Options(requireLabels: false));

        Assert.IsTrue(set.Conversations.All(c => c.Labels.All(l => l == -1)));
        Assert.AreEqual(0, set.Labels.Count);
    }

    [TestMethod]
    public void Read_NullLabelColumnName_ReadsWithoutLabels()
    {
        var options = ReaderTestData.Options();
        options.LabelColumnName = null;

        var set = ConversationReader.Read(ReaderTestData.View(ReaderTestData.ShuffledRows()), options);

        Assert.AreEqual(7, set.Conversations.Sum(c => c.Labels.Count(l => l == -1)));
    }

    [TestMethod]
    public void ValidateSchema_DefaultOptionsOnSyntheticData_Passes()
    {
        var view = new SyntheticConversations(new SyntheticConversationsOptions { NumberOfConversations = 2 }).ToDataView(new MLContext(seed: 1));

        new ConversationReader().ValidateSchema(view.Schema);
        var set = new ConversationReader().Read(view);

        CollectionAssert.AreEqual(new[] { 32, 16, 16 }, set.FeatureDimensions.ToArray());
        Assert.HasCount(2, set.Conversations);
    }

    [TestMethod]
    public void ValidateSchemaShape_MissingOrWrongColumns_NameThem()
    {
        var view = ReaderTestData.View(ReaderTestData.ShuffledRows());
        // SchemaShape.Create is internal to ML.NET; estimators get shapes from pipelines.
        var create = typeof(SchemaShape).GetMethod("Create", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(DataViewSchema)])!;
        var shape = (SchemaShape)create.Invoke(null, [view.Schema])!;
        new ConversationReader(ReaderTestData.Options()).ValidateSchema(shape);

        var missing = Assert.ThrowsExactly<ConversationDataException>(() => new ConversationReader().ValidateSchema(shape));
        var wrongType = Assert.ThrowsExactly<ConversationDataException>(
            () => new ConversationReader(new ConversationReaderOptions { FeatureColumnNames = ["Speaker"] }).ValidateSchema(shape));

        Assert.AreEqual("Visual", missing.Column);
        StringAssert.Contains(missing.Message, "'Audio'");
        Assert.AreEqual("Speaker", wrongType.Column);
    }

    private static UtteranceRow Clone(UtteranceRow r) => UtteranceRow.Make(r.DialogueId, r.Turn, r.Speaker, r.Label);
}
