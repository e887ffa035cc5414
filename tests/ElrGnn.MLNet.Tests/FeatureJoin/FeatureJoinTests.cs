using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.FeatureJoin;

/// <summary>Joining in-memory and CSV feature tables onto an utterance table, and the errors of bad joins.</summary>
[TestClass]
public sealed class FeatureJoinTests
{
    private static FeatureJoinOptions InMemory(MLContext ml) => new()
    {
        SourceData = ml.Data.LoadFromEnumerable(FeatureJoinTestData.Features()),
        Columns = [new("Audio")],
    };

    [TestMethod]
    public void Transform_FromInMemoryTable_PutsEachVectorOnItsOwnRow()
    {
        var ml = new MLContext(seed: 1);
        var utterances = FeatureJoinTestData.ScrambledUtterances();
        var input = ml.Data.LoadFromEnumerable(utterances);

        var output = ml.Transforms.LoadConversationFeatures(InMemory(ml)).Fit(input).Transform(input);

        FeatureJoinTestData.AssertKeyedValues(FeatureJoinTestData.Read(ml, output), utterances);
    }

    [TestMethod]
    public void Transform_FromCsv_PutsEachVectorOnItsOwnRow()
    {
        var ml = new MLContext(seed: 1);
        var csv = FeatureJoinTestData.WriteCsv(TestPaths.NewTempDir());
        var utterances = FeatureJoinTestData.ScrambledUtterances();
        var input = ml.Data.LoadFromEnumerable(utterances);

        var model = ml.Transforms.LoadConversationFeatures(new FeatureJoinOptions { SourcePath = csv, Columns = [new("Audio", "audio")] }).Fit(input);

        FeatureJoinTestData.AssertKeyedValues(FeatureJoinTestData.Read(ml, model.Transform(input)), utterances);
        Assert.AreEqual(Path.GetFullPath(csv), model.SourcePath);
    }

    [TestMethod]
    public void GetOutputSchema_AppendsFixedSizeFloatVectors()
    {
        var ml = new MLContext(seed: 1);
        var input = ml.Data.LoadFromEnumerable(FeatureJoinTestData.ScrambledUtterances());
        var estimator = ml.Transforms.LoadConversationFeatures(InMemory(ml));

        var shape = estimator.GetOutputSchema(ElrGnn.MLNet.Persistence.MlNetInternals.CreateSchemaShape(input.Schema));
        var schema = estimator.Fit(input).GetOutputSchema(input.Schema);

        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, shape.Single(c => c.Name == "Audio").Kind);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3), schema["Audio"].Type);
        Assert.IsNotNull(schema.GetColumnOrNull("Speaker"));
    }

    [TestMethod]
    public void PredictionEngine_LooksUpTheSingleRow()
    {
        var ml = new MLContext(seed: 1);
        var input = ml.Data.LoadFromEnumerable(FeatureJoinTestData.ScrambledUtterances());
        var model = ml.Transforms.LoadConversationFeatures(InMemory(ml)).Fit(input);
        using var engine = ml.Model.CreatePredictionEngine<UtteranceKeyRow, JoinedAudioRow>(model);

        var joined = engine.Predict(new UtteranceKeyRow { DialogueId = "d2", Turn = 1, Speaker = "B" });

        CollectionAssert.AreEqual(FeatureJoinTestData.Expected("d2", 1), joined.Audio);
    }

    [TestMethod]
    public void Transform_WithKeyMissingFromSource_ThrowsNamingConversationAndTurn()
    {
        var ml = new MLContext(seed: 1);
        var input = ml.Data.LoadFromEnumerable(new[]
        {
            new UtteranceKeyRow { DialogueId = "d1", Turn = 0, Speaker = "A" },
            new UtteranceKeyRow { DialogueId = "d2", Turn = 7, Speaker = "A" },
        });
        var output = ml.Transforms.LoadConversationFeatures(InMemory(ml)).Fit(input).Transform(input);

        var e = Assert.ThrowsExactly<ConversationDataException>(() => FeatureJoinTestData.Read(ml, output));

        Assert.AreEqual("d2", e.ConversationId);
        Assert.AreEqual(7, e.Turn);
        Assert.AreEqual("Audio", e.Column);
        StringAssert.Contains(e.Message, "no features");
    }

    [TestMethod]
    public void Fit_WithUnknownCsvFeature_ThrowsListingAvailableOnes()
    {
        var ml = new MLContext(seed: 1);
        var csv = FeatureJoinTestData.WriteCsv(TestPaths.NewTempDir());
        var input = ml.Data.LoadFromEnumerable(FeatureJoinTestData.ScrambledUtterances());
        var estimator = ml.Transforms.LoadConversationFeatures(new FeatureJoinOptions { SourcePath = csv, Columns = [new("Audio", "visual")] });

        var e = Assert.ThrowsExactly<ConversationDataException>(() => estimator.Fit(input));

        Assert.AreEqual("visual", e.Column);
        StringAssert.Contains(e.Message, "'audio'");
    }

    [TestMethod]
    public void Fit_WithMissingInMemoryColumn_ThrowsNamingIt()
    {
        var ml = new MLContext(seed: 1);
        var input = ml.Data.LoadFromEnumerable(FeatureJoinTestData.ScrambledUtterances());
        var options = InMemory(ml);
        options.Columns = [new("Text")];

        var e = Assert.ThrowsExactly<ConversationDataException>(() => ml.Transforms.LoadConversationFeatures(options).Fit(input));

        Assert.AreEqual("Text", e.Column);
    }

    [TestMethod]
    public void Fit_WithoutTurnColumnInUtterances_ThrowsNamingIt()
    {
        var ml = new MLContext(seed: 1);
        var input = ml.Data.LoadFromEnumerable(FeatureJoinTestData.ScrambledUtterances());
        var options = InMemory(ml);
        options.TurnColumnName = "Position";

        var e = Assert.ThrowsExactly<ConversationDataException>(() => ml.Transforms.LoadConversationFeatures(options).Fit(input));

        Assert.AreEqual("Position", e.Column);
    }

    [TestMethod]
    public void Fit_WithDuplicateCsvKey_ThrowsNamingTheLine()
    {
        var ml = new MLContext(seed: 1);
        var rows = FeatureJoinTestData.Features();
        rows.Add(rows[1]);
        var csv = FeatureJoinTestData.WriteCsv(TestPaths.NewTempDir(), rows: rows);
        var input = ml.Data.LoadFromEnumerable(FeatureJoinTestData.ScrambledUtterances());

        var e = Assert.ThrowsExactly<ConversationDataException>(() =>
            ml.Transforms.LoadConversationFeatures(new FeatureJoinOptions { SourcePath = csv, Columns = [new("Audio")] }).Fit(input));

        Assert.AreEqual("d1", e.ConversationId);
        Assert.AreEqual(1, e.Turn);
        StringAssert.Contains(e.Message, "line 7");
    }

    [TestMethod]
    public void Options_WithBothOrNoSource_AreRejected()
    {
        var ml = new MLContext(seed: 1);
        var both = InMemory(ml);
        both.SourcePath = "x.csv";

        Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.LoadConversationFeatures(both));
        Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.LoadConversationFeatures(new FeatureJoinOptions()));
    }
}
