using System.IO.Compression;
using ElrGnn.MLNet.Features;
using ElrGnn.MLNet.Features.Modules;
using ElrGnn.MLNet.Features.Tuning;
using ElrGnn.MLNet.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.Features;

[TestClass]
public sealed class TunedEmbeddingTests
{
    // A synthetic task the pretrained vectors barely see: six random filler words decide most of the mean-pooled
    // vector, one marker word ("north" / "south") decides the label.
    private static readonly string[] Filler =
    [
        "table", "river", "green", "music", "window", "paper", "garden", "coffee", "yellow", "mountain", "letter",
        "bottle", "winter", "silver", "pencil", "market", "engine", "cotton", "forest", "camera",
    ];

    private static TunedRun? _run;

    private static TunedRun Run => _run ?? throw new InvalidOperationException("ClassInitialize did not run.");

    [ClassInitialize]
    public static void TuneOnce(TestContext _)
    {
        var ml = new MLContext(seed: 1);
        var train = Rows(64, seed: 1);
        var reports = new List<EncoderTuningProgress>();
        var options = new UtteranceEmbeddingOptions
        {
            InputColumnName = "Utterance", OutputColumnName = "Text", LabelColumnName = "Label", UseDiskCache = false,
            Epochs = 2, LearningRate = 2e-4, WarmupFraction = 0, BatchSize = 16, Seed = 7, ValidationFraction = 0,
            Progress = new SynchronousProgress<EncoderTuningProgress>(reports.Add),
        };
        var view = ml.Data.LoadFromEnumerable(train);
        var model = ml.Transforms.EmbedUtterances(options).Fit(view);
        var path = Path.Combine(TestPaths.NewTempDir(), "tuned.zip");
        ml.Model.Save(model, view.Schema, path);
        _run = new TunedRun(ml, train, view, model, reports, path);
    }

    [TestMethod]
    public void Fit_WithLabelColumn_LossFallsAndTunedVectorsBeatFrozenOnes()
    {
        var test = Rows(32, seed: 2);
        // The pretrained TorchSharp MiniLM gives the package's frozen vectors (MiniLmModelTests) without its padding to 512.
        using var pretrained = MiniLmModel.Pretrained();
        Func<TunedRow[], float[][]> frozen = rows => TunedEncoding.Embed(pretrained, [.. rows.Select(r => r.Utterance)], 32, TorchSharp.torch.CPU, default);
        Func<TunedRow[], float[][]> tuned = rows => Run.Model.Transform(Run.Ml.Data.LoadFromEnumerable(rows)).GetColumn<float[]>("Text").ToArray();

        var frozenAccuracy = CentroidAccuracy(frozen, Run.Train, test);
        var tunedAccuracy = CentroidAccuracy(tuned, Run.Train, test);

        Assert.IsTrue(Run.Model.IsTuned);
        var losses = Run.Model.Tuning!.EpochLosses;
        Assert.IsLessThan(losses[0], losses[^1], $"losses {string.Join(", ", losses)}");
        Assert.IsGreaterThan(frozenAccuracy + 0.1, tunedAccuracy, $"tuned {tunedAccuracy:P0}, frozen {frozenAccuracy:P0}");
    }

    [TestMethod]
    public void Fit_WithProgress_ReportsEveryStepWithTokensPerSecondAndEndsEachEpoch()
    {
        var steps = Run.Reports.Where(r => !r.IsEpochEnd).ToArray();
        var ends = Run.Reports.Where(r => r.IsEpochEnd).ToArray();

        Assert.HasCount(2 * 4, steps); // 64 rows / batch 16 = 4 steps, 2 epochs
        Assert.HasCount(2, ends);
        Assert.IsTrue(steps.All(r => r.TokensPerSecond > 0 && r.Remaining >= TimeSpan.Zero));
        Assert.AreEqual(TimeSpan.Zero, steps[^1].Remaining);
    }

    [TestMethod]
    public void SaveLoad_InFreshContext_GivesIdenticalVectors()
    {
        var expected = Run.Model.Transform(Run.View).GetColumn<float[]>("Text").ToArray();

        var fresh = new MLContext(seed: 99).RegisterUtteranceEmbeddings();
        var loaded = fresh.Model.Load(Run.SavedPath, out _);
        var actual = loaded.Transform(fresh.Data.LoadFromEnumerable(Run.Train)).GetColumn<float[]>("Text").ToArray();

        Assert.HasCount(expected.Length, actual);
        for (var i = 0; i < expected.Length; i++)
            CollectionAssert.AreEqual(expected[i], actual[i], $"row {i}");
    }

    [TestMethod]
    public void Load_DamagedTunedWeightsEntry_ThrowsModelFileException()
    {
        var path = CopyWithDamagedEntry("TunedMiniLm", stream =>
        {
            stream.Position = stream.Length / 2;
            var b = stream.ReadByte();
            stream.Position = stream.Length / 2;
            stream.WriteByte((byte)(b ^ 0xFF));
        });

        var fresh = new MLContext().RegisterUtteranceEmbeddings();
        var error = Assert.ThrowsExactly<ModelFileException>(() => ElrGnnComponents.Load(fresh, path, out _));
        StringAssert.Contains(error.Message, "TunedMiniLm");
    }

    [TestMethod]
    public void SaveLoad_KeepsTheTuningHead_WhosePredictionsFitTheTask()
    {
        var test = Rows(32, seed: 2);
        var tunedStep = (TunedUtteranceEmbeddingTransformer)Run.Model.Inner;
        var fresh = new MLContext(seed: 99).RegisterUtteranceEmbeddings();
        var loaded = TunedEncoderCache.Tuned(fresh.Model.Load(Run.SavedPath, out _))!;
        var view = fresh.Data.LoadFromEnumerable(test);

        var before = tunedStep.PredictLabels(view)!;
        var after = loaded.PredictLabels(view)!;

        CollectionAssert.AreEqual(before, after);
        var accuracy = test.Zip(after).Count(p => p.First.Label == p.Second) / (double)test.Length;
        Assert.IsGreaterThan(0.7, accuracy, $"head accuracy {accuracy:P0} on the marker task");
    }

    [TestMethod]
    public void Load_DamagedHeadEntry_ThrowsModelFileException()
    {
        var path = CopyWithDamagedEntry("TunedMiniLmHead", stream => stream.SetLength(stream.Length - 3));

        var fresh = new MLContext().RegisterUtteranceEmbeddings();
        var error = Assert.ThrowsExactly<ModelFileException>(() => ElrGnnComponents.Load(fresh, path, out _));
        StringAssert.Contains(error.Message, "TunedMiniLmHead");
    }

    // A copy of the saved tuned model whose binary entry ending in entryName is damaged by damage.
    private static string CopyWithDamagedEntry(string entryName, Action<Stream> damage)
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "tuned.zip");
        File.Copy(Run.SavedPath, path);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(entryName, StringComparison.Ordinal)).Open();
        damage(stream);
        return path;
    }

    [TestMethod]
    public void Batches_CoverEveryRowOnce_GroupSimilarLengths_AndRepeatForASeed()
    {
        var random = new Random(3);
        var inputs = Enumerable.Range(0, 1000).Select(_ => new string('x', random.Next(1, 200))).ToArray();
        var rows = Enumerable.Range(0, 1000).Where(i => i % 7 != 0).ToArray(); // a subset, like the labelled rows

        var batches = EncoderTuner.Batches(rows, inputs, 16, new Random(11));

        CollectionAssert.AreEquivalent(rows, batches.SelectMany(b => b).ToArray());
        Assert.IsTrue(batches[..^1].All(b => b.Length == 16), "only the last batch may be short");
        // Sorted within pools of 50 batches: a batch spans a small part of the length range, unlike a random batch.
        var meanSpread = batches.Average(b => b.Max(i => inputs[i].Length) - b.Min(i => inputs[i].Length));
        Assert.IsLessThan(30.0, meanSpread, $"mean length spread within a batch {meanSpread:F1} (random batches: ~180)");
        var again = EncoderTuner.Batches(rows, inputs, 16, new Random(11));
        Assert.IsTrue(batches.Zip(again).All(p => p.First.SequenceEqual(p.Second)), "same seed, same batches");
        var other = EncoderTuner.Batches(rows, inputs, 16, new Random(12));
        Assert.IsFalse(batches.Zip(other).All(p => p.First.SequenceEqual(p.Second)), "another seed, other batches");
    }

    [TestMethod]
    public void Fit_CrossFitWithPastTurns_TrainingRowsGetOutOfFoldVectorsOtherRowsTheFullEncoders()
    {
        var ml = new MLContext(seed: 1);
        var train = Rows(8, seed: 5); // 2 conversations of 4 turns
        var options = new UtteranceEmbeddingOptions
        {
            LabelColumnName = "Label", UseDiskCache = false, Epochs = 1, BatchSize = 8, Seed = 3, ValidationFraction = 0,
            CrossFitFolds = 2, PastTurns = 1,
        };
        var view = ml.Data.LoadFromEnumerable(train);
        var model = ml.Transforms.EmbedUtterances(options).Fit(view);
        var full = (TunedUtteranceEmbeddingTransformer)model.Inner;

        var fitted = model.Transform(view).GetColumn<float[]>("Text").ToArray();
        var inputs = UtteranceRowReader.WithPastTurns([.. train.Select(r => r.Utterance)], [.. train.Select(r => r.DialogueId)],
            [.. train.Select(r => (int)r.Turn)], [.. train.Select(r => r.Speaker)], 1);
        var byFullEncoder = full.Embed(inputs);

        for (var i = 0; i < train.Length; i++)
            CollectionAssert.AreNotEqual(byFullEncoder[i], fitted[i], $"row {i} got the vector of the encoder tuned on it");
        var other = Rows(4, seed: 6);
        var otherVectors = model.Transform(ml.Data.LoadFromEnumerable(other)).GetColumn<float[]>("Text").ToArray();
        var otherInputs = UtteranceRowReader.WithPastTurns([.. other.Select(r => r.Utterance)], [.. other.Select(r => r.DialogueId)],
            [.. other.Select(r => (int)r.Turn)], [.. other.Select(r => r.Speaker)], 1);
        var otherExpected = full.Embed(otherInputs);
        for (var i = 0; i < other.Length; i++)
            CollectionAssert.AreEqual(otherExpected[i], otherVectors[i], $"new row {i}");
    }

    [TestMethod]
    public void Fit_CancelledToken_ThrowsOperationCanceled()
    {
        var ml = new MLContext(seed: 1);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var options = new UtteranceEmbeddingOptions { LabelColumnName = "Label", UseDiskCache = false, CancellationToken = cancelled.Token };

        Assert.ThrowsExactly<OperationCanceledException>(() => ml.Transforms.EmbedUtterances(options).Fit(ml.Data.LoadFromEnumerable(Rows(8, 3))));
    }

    [TestMethod]
    public void Options_InvalidTuningValue_ThrowNamingTheOption()
    {
        var ml = new MLContext();
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            ml.Transforms.EmbedUtterances(new UtteranceEmbeddingOptions { LabelColumnName = "Label", CrossFitFolds = 1 }));
        Assert.AreEqual(nameof(UtteranceEmbeddingOptions.CrossFitFolds), error.ParamName);
    }

    internal static TunedRow[] Rows(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var label = i % 2 == 0 ? "north" : "south";
            var words = Enumerable.Range(0, 6).Select(_ => Filler[random.Next(Filler.Length)]).ToList();
            words.Insert(random.Next(words.Count + 1), label);
            return new TunedRow { DialogueId = $"d{seed}-{i / 4}", Turn = i % 4, Speaker = i % 3 == 0 ? "A" : "B", Utterance = string.Join(' ', words), Label = label };
        })];
    }

    // Nearest class centroid of the training rows' vectors, scored on the test rows.
    private static double CentroidAccuracy(Func<TunedRow[], float[][]> embed, TunedRow[] train, TunedRow[] test)
    {
        var trainVectors = embed(train);
        var testVectors = embed(test);
        var centroids = train.Select((r, i) => (r.Label, Vector: trainVectors[i])).GroupBy(x => x.Label)
            .ToDictionary(g => g.Key, g => Enumerable.Range(0, g.First().Vector.Length).Select(d => g.Average(x => x.Vector[d])).ToArray());
        var correct = test.Where((r, i) => centroids.MaxBy(c => c.Value.Select((v, d) => v * testVectors[i][d]).Sum()).Key == r.Label).Count();
        return (double)correct / test.Length;
    }

    // Saved once: saving 90 MB of weights is the slow part of the save/load tests.
    private sealed record TunedRun(MLContext Ml, TunedRow[] Train, IDataView View, UtteranceEmbeddingTransformer Model,
        List<EncoderTuningProgress> Reports, string SavedPath);

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

public sealed class TunedRow
{
    public string DialogueId { get; set; } = "";
    public float Turn { get; set; }
    public string Speaker { get; set; } = "";
    public string Utterance { get; set; } = "";
    public string Label { get; set; } = "";
}
