using System.IO.Compression;
using ElrGnn.MLNet.Features;
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
        var train = Rows(96, seed: 1);
        var reports = new List<EncoderTuningProgress>();
        var options = new UtteranceEmbeddingOptions
        {
            InputColumnName = "Utterance", OutputColumnName = "Text", LabelColumnName = "Label", UseDiskCache = false,
            Epochs = 2, LearningRate = 2e-4, WarmupFraction = 0, BatchSize = 16, Seed = 7, ValidationFraction = 0,
            Progress = new SynchronousProgress<EncoderTuningProgress>(reports.Add),
        };
        var view = ml.Data.LoadFromEnumerable(train);
        var model = ml.Transforms.EmbedUtterances(options).Fit(view);
        _run = new TunedRun(ml, train, view, model, reports);
    }

    [TestMethod]
    public void Fit_WithLabelColumn_LossFallsAndTunedVectorsBeatFrozenOnes()
    {
        var test = Rows(48, seed: 2);
        var frozen = Run.Ml.Transforms.EmbedUtterances(new UtteranceEmbeddingOptions { UseDiskCache = false }).Fit(Run.View);

        var frozenAccuracy = CentroidAccuracy(frozen, Run.Train, test);
        var tunedAccuracy = CentroidAccuracy(Run.Model, Run.Train, test);

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

        Assert.HasCount(2 * 6, steps); // 96 rows / batch 16 = 6 steps, 2 epochs
        Assert.HasCount(2, ends);
        Assert.IsTrue(steps.All(r => r.TokensPerSecond > 0 && r.Remaining >= TimeSpan.Zero));
        Assert.AreEqual(TimeSpan.Zero, steps[^1].Remaining);
    }

    [TestMethod]
    public void SaveLoad_InFreshContext_GivesIdenticalVectors()
    {
        var expected = Run.Model.Transform(Run.View).GetColumn<float[]>("Text").ToArray();
        var path = Path.Combine(TestPaths.NewTempDir(), "tuned.zip");
        Run.Ml.Model.Save(Run.Model, Run.View.Schema, path);

        var fresh = new MLContext(seed: 99).RegisterUtteranceEmbeddings();
        var loaded = fresh.Model.Load(path, out _);
        var actual = loaded.Transform(fresh.Data.LoadFromEnumerable(Run.Train)).GetColumn<float[]>("Text").ToArray();

        Assert.HasCount(expected.Length, actual);
        for (var i = 0; i < expected.Length; i++)
            CollectionAssert.AreEqual(expected[i], actual[i], $"row {i}");
    }

    [TestMethod]
    public void Load_DamagedTunedWeightsEntry_ThrowsModelFileException()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "tuned.zip");
        Run.Ml.Model.Save(Run.Model, Run.View.Schema, path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("TunedMiniLm", StringComparison.Ordinal));
            using var stream = entry.Open();
            stream.Position = stream.Length / 2;
            var b = stream.ReadByte();
            stream.Position = stream.Length / 2;
            stream.WriteByte((byte)(b ^ 0xFF));
        }

        var fresh = new MLContext().RegisterUtteranceEmbeddings();
        var error = Assert.ThrowsExactly<ModelFileException>(() => ElrGnnComponents.Load(fresh, path, out _));
        StringAssert.Contains(error.Message, "TunedMiniLm");
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
    private static double CentroidAccuracy(ITransformer model, TunedRow[] train, TunedRow[] test)
    {
        var ml = Run.Ml;
        var trainVectors = model.Transform(ml.Data.LoadFromEnumerable(train)).GetColumn<float[]>("Text").ToArray();
        var testVectors = model.Transform(ml.Data.LoadFromEnumerable(test)).GetColumn<float[]>("Text").ToArray();
        var centroids = train.Select((r, i) => (r.Label, Vector: trainVectors[i])).GroupBy(x => x.Label)
            .ToDictionary(g => g.Key, g => Enumerable.Range(0, g.First().Vector.Length).Select(d => g.Average(x => x.Vector[d])).ToArray());
        var correct = test.Where((r, i) => centroids.MaxBy(c => c.Value.Select((v, d) => v * testVectors[i][d]).Sum()).Key == r.Label).Count();
        return (double)correct / test.Length;
    }

    private sealed record TunedRun(MLContext Ml, TunedRow[] Train, IDataView View, UtteranceEmbeddingTransformer Model, List<EncoderTuningProgress> Reports);

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
