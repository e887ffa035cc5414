using ElrGnn.MLNet.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.Features;

[TestClass]
public sealed class TunedEncoderCacheTests
{
    private static UtteranceEmbeddingOptions Options(int seed = 5, int epochs = 1) => new()
    {
        LabelColumnName = "Label", UseDiskCache = false, Epochs = epochs, BatchSize = 8, Seed = seed, ValidationFraction = 0,
    };

    [TestMethod]
    public void Key_ChangesWithDataOptionsOrSeed_AndOnlyThen()
    {
        var ml = new MLContext(seed: 1);
        var rows = TunedEmbeddingTests.Rows(8, seed: 4);
        var data = ml.Data.LoadFromEnumerable(rows);
        var key = TunedEncoderCache.Key(Options(), data, 5);

        var edited = rows.Select(r => new TunedRow { DialogueId = r.DialogueId, Turn = r.Turn, Speaker = r.Speaker, Utterance = r.Utterance, Label = r.Label }).ToArray();
        Assert.AreEqual(key, TunedEncoderCache.Key(Options(), ml.Data.LoadFromEnumerable(edited), 5), "same content, new objects");
        edited[3].Utterance += " again";
        Assert.AreNotEqual(key, TunedEncoderCache.Key(Options(), ml.Data.LoadFromEnumerable(edited), 5), "text changed");
        edited[3].Utterance = rows[3].Utterance;
        edited[5].Label = edited[5].Label == "north" ? "south" : "north";
        Assert.AreNotEqual(key, TunedEncoderCache.Key(Options(), ml.Data.LoadFromEnumerable(edited), 5), "label changed");
        Assert.AreNotEqual(key, TunedEncoderCache.Key(Options(epochs: 2), data, 5), "epochs changed");
        Assert.AreNotEqual(key, TunedEncoderCache.Key(new UtteranceEmbeddingOptions { LabelColumnName = "Label", UseDiskCache = false, Epochs = 1, BatchSize = 8, ValidationFraction = 0, PastTurns = 1 }, data, 5), "past turns changed");
        Assert.AreNotEqual(key, TunedEncoderCache.Key(Options(), data, 6), "seed changed");
    }

    [TestMethod]
    public void GetOrFit_SameRunTwice_TunesOnce_OtherSeed_TunesAgain()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TunedEmbeddingTests.Rows(8, seed: 4));
        var folder = TestPaths.NewTempDir();

        var first = TunedEncoderCache.GetOrFit(ml, Options(), data, folder, out var tunedFirst);
        var second = TunedEncoderCache.GetOrFit(ml, Options(), data, folder, out var tunedSecond);
        TunedEncoderCache.GetOrFit(ml, Options(seed: 6), data, folder, out var tunedOtherSeed);

        Assert.IsTrue(tunedFirst);
        Assert.IsFalse(tunedSecond);
        Assert.IsTrue(tunedOtherSeed);
        Assert.HasCount(2, Directory.GetFiles(folder, "*.zip"));
        var a = first.Transform(data).GetColumn<float[]>("Text").ToArray();
        var b = second.Transform(data).GetColumn<float[]>("Text").ToArray();
        for (var i = 0; i < a.Length; i++)
            CollectionAssert.AreEqual(a[i], b[i], $"row {i}");
    }

    [TestMethod]
    public void GetOrFit_CacheHit_ReturnsTheTuningSummaryOfTheFit()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TunedEmbeddingTests.Rows(8, seed: 4));
        var folder = TestPaths.NewTempDir();

        TunedEncoderCache.GetOrFit(ml, Options(epochs: 2), data, folder, out _, out var fitted);
        TunedEncoderCache.GetOrFit(ml, Options(epochs: 2), data, folder, out var tuned, out var cached);

        Assert.IsFalse(tuned);
        Assert.AreEqual(fitted.BestEpoch, cached.BestEpoch);
        CollectionAssert.AreEqual(fitted.EpochLosses.ToArray(), cached.EpochLosses.ToArray());
        Assert.AreEqual(fitted.Tokens, cached.Tokens);
        Assert.AreEqual(fitted.TrainSeconds, cached.TrainSeconds);
        Assert.IsGreaterThan(0, cached.Tokens);
    }

    [TestMethod]
    public void GetOrFit_CrossFittedCacheHit_GivesTrainingRowsTheOutOfFoldVectorsOfTheFit()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TunedEmbeddingTests.Rows(8, seed: 4));
        var folder = TestPaths.NewTempDir();
        var options = Options();
        options.CrossFitFolds = 2;

        var fitted = TunedEncoderCache.GetOrFit(ml, options, data, folder, out _).Transform(data).GetColumn<float[]>("Text").ToArray();
        var hit = TunedEncoderCache.GetOrFit(ml, options, data, folder, out var tuned).Transform(data).GetColumn<float[]>("Text").ToArray();

        Assert.IsFalse(tuned);
        for (var i = 0; i < fitted.Length; i++)
            CollectionAssert.AreEqual(fitted[i], hit[i], $"row {i}");

        // Without its out-of-fold vectors the cached encoder would give the training rows its own vectors: tune again.
        File.Delete(Directory.GetFiles(folder, "*.crossfit").Single());
        TunedEncoderCache.GetOrFit(ml, options, data, folder, out var tunedAgain);
        Assert.IsTrue(tunedAgain);
    }
}
