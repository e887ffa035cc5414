using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.FeatureJoin;

/// <summary>Saving a feature join into a model zip and loading it in a fresh context.</summary>
[TestClass]
public sealed class FeatureJoinPersistenceTests
{
    private static (string ModelPath, List<JoinedAudioRow> Expected) FitAndSave(FeatureJoinOptions options, string dir)
    {
        var ml = new MLContext(seed: 1);
        var input = ml.Data.LoadFromEnumerable(FeatureJoinTestData.ScrambledUtterances());
        var model = ml.Transforms.LoadConversationFeatures(options).Fit(input);
        var path = Path.Combine(dir, "join.zip");
        ml.Model.Save(model, input.Schema, path);
        return (path, FeatureJoinTestData.Read(ml, model.Transform(input)));
    }

    private static List<JoinedAudioRow> LoadAndTransform(string modelPath)
    {
        var fresh = new MLContext(seed: 2);
        ElrGnnComponents.Register(fresh);
        var loaded = fresh.Model.Load(modelPath, out _);
        return FeatureJoinTestData.Read(fresh, loaded.Transform(fresh.Data.LoadFromEnumerable(FeatureJoinTestData.ScrambledUtterances())));
    }

    // ElrGnnComponents.Load rethrows the loader's own exception; mlContext.Model.Load wraps it in a TargetInvocationException.
    private static void LoadWithComponents(string modelPath) => ElrGnnComponents.Load(new MLContext(seed: 2), modelPath, out _);

    private static void AssertSame(List<JoinedAudioRow> expected, List<JoinedAudioRow> actual)
    {
        Assert.HasCount(expected.Count, actual);
        for (int i = 0; i < expected.Count; i++)
            CollectionAssert.AreEqual(expected[i].Audio, actual[i].Audio, $"row {i}");
    }

    [TestMethod]
    public void SaveThenLoad_FromCsv_InANewContext_GivesTheSameVectors()
    {
        var dir = TestPaths.NewTempDir();
        var csv = FeatureJoinTestData.WriteCsv(dir);
        var (model, expected) = FitAndSave(new FeatureJoinOptions { SourcePath = csv, Columns = [new("Audio")] }, dir);

        var actual = LoadAndTransform(model);

        AssertSame(expected, actual);
        FeatureJoinTestData.AssertKeyedValues(actual, FeatureJoinTestData.ScrambledUtterances());
    }

    [TestMethod]
    public void SaveThenLoad_FromInMemoryTable_StoresTheVectorsInTheModel()
    {
        var dir = TestPaths.NewTempDir();
        var ml = new MLContext(seed: 1);
        var options = new FeatureJoinOptions { SourceData = ml.Data.LoadFromEnumerable(FeatureJoinTestData.Features()), Columns = [new("Audio")] };
        var (model, expected) = FitAndSave(options, dir);

        AssertSame(expected, LoadAndTransform(model));
    }

    [TestMethod]
    public void Load_AfterTheCsvChanged_ThrowsSayingItChanged()
    {
        var dir = TestPaths.NewTempDir();
        var csv = FeatureJoinTestData.WriteCsv(dir);
        var (model, _) = FitAndSave(new FeatureJoinOptions { SourcePath = csv, Columns = [new("Audio")] }, dir);
        var changed = FeatureJoinTestData.Features();
        changed[0].Audio[2] += 1;
        FeatureJoinTestData.WriteCsv(dir, rows: changed);

        var e = Assert.ThrowsExactly<ConversationDataException>(() => LoadWithComponents(model));

        StringAssert.Contains(e.Message, "has changed");
        StringAssert.Contains(e.Message, csv);
    }

    [TestMethod]
    public void Load_AfterTheCsvWasDeleted_ThrowsSayingItMustStayAvailable()
    {
        var dir = TestPaths.NewTempDir();
        var csv = FeatureJoinTestData.WriteCsv(dir);
        var (model, _) = FitAndSave(new FeatureJoinOptions { SourcePath = csv, Columns = [new("Audio")] }, dir);
        File.Delete(csv);

        var e = Assert.ThrowsExactly<ConversationDataException>(() => LoadWithComponents(model));

        StringAssert.Contains(e.Message, "does not exist");
    }

    [TestMethod]
    public void SaveThenLoad_WithSaveFeaturesInModel_NeedsNoFile()
    {
        var dir = TestPaths.NewTempDir();
        var csv = FeatureJoinTestData.WriteCsv(dir);
        var (model, expected) = FitAndSave(new FeatureJoinOptions { SourcePath = csv, Columns = [new("Audio")], SaveFeaturesInModel = true }, dir);
        File.Delete(csv);

        AssertSame(expected, LoadAndTransform(model));
    }

    [TestMethod]
    public void SaveThenLoad_FromPickle_GivesTheSameVectors()
    {
        var pickle = TestPaths.Shared("samples", "iemocap_like_small.pkl");
        var dir = TestPaths.NewTempDir();
        var copy = Path.Combine(dir, "features.pkl");
        File.Copy(pickle, copy);
        var ml = new MLContext(seed: 1);
        var input = ml.Data.LoadFromEnumerable(new[] { new UtteranceKeyRow { DialogueId = "Ses02M_script01_1", Turn = 2, Speaker = "M" } });
        var model = ml.Transforms.LoadConversationFeatures(new FeatureJoinOptions { SourcePath = copy }).Fit(input);
        var path = Path.Combine(dir, "join.zip");
        ml.Model.Save(model, input.Schema, path);
        var expected = model.Transform(input).GetColumn<float[]>(ConversationColumns.Visual).Single();

        var fresh = ElrGnnComponents.Register(new MLContext(seed: 2));
        var actual = fresh.Model.Load(path, out _).Transform(input).GetColumn<float[]>(ConversationColumns.Visual).Single();

        CollectionAssert.AreEqual(expected, actual);
    }
}
