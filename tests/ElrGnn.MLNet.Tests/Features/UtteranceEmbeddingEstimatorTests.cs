using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.Features;

[TestClass]
public sealed class UtteranceEmbeddingEstimatorTests
{
    private static readonly UtteranceRow[] Rows =
    [
        new() { Speaker = "Ross", Utterance = "We were on a break!" },
        new() { Speaker = "Rachel", Utterance = "You're unbelievable." },
        new() { Speaker = "Ross", Utterance = "We were on a break!" },
        new() { Speaker = "Joey", Utterance = "" },
    ];

    private static string[] Texts => [.. Rows.Select(r => r.Utterance)];

    [ClassInitialize]
    public static void PointDefaultCacheAtTempFolder(TestContext _)
    {
        // Loaded models embed through UtteranceEmbedder.Default, which reads this variable when first used.
        Environment.SetEnvironmentVariable(UtteranceEmbeddingDefaults.CacheEnvironmentVariable, TestPaths.NewTempDir());
    }

    [TestMethod]
    public void FitTransform_SmallDataView_AddsKnownSize384VectorColumnAfterOneBatchPass()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows);
        var cacheDir = TestPaths.NewTempDir();
        var estimator = ml.Transforms.EmbedUtterances(cacheDirectory: cacheDir);

        var shape = estimator.GetOutputSchema(ShapeOf<UtteranceRow>(ml));
        var textShape = shape.Single(c => c.Name == ConversationColumns.Text);
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, textShape.Kind);
        Assert.AreEqual(NumberDataViewType.Single, textShape.ItemType);

        var output = estimator.Fit(data).Transform(data);
        // Transform embedded the distinct texts up front, before any row was read.
        Assert.AreEqual(3, EmbeddingCache.ForDirectory(cacheDir, MiniLmEncoder.ModelId).Count);

        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, UtteranceEmbeddingDefaults.Dimension), output.Schema[ConversationColumns.Text].Type);
        Assert.IsNotNull(output.Schema.GetColumnOrNull(ConversationColumns.Utterance));
        Assert.IsFalse(output.Schema.Any(c => !c.IsHidden && c.Name.StartsWith("__", StringComparison.Ordinal)), "private columns leaked");
        var actual = output.GetColumn<float[]>(ConversationColumns.Text).ToArray();
        var expected = new UtteranceEmbedder(new UtteranceEmbedderOptions { CacheDirectory = cacheDir }).Embed(Texts);
        for (var i = 0; i < Rows.Length; i++)
            CollectionAssert.AreEqual(expected[i], actual[i]);
    }

    [TestMethod]
    public void SaveLoad_InNewMLContext_GivesSameVectorsThroughTransformAndPredictionEngine()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows);
        var pipeline = ml.Transforms.EmbedUtterances("Features", cacheDirectory: TestPaths.NewTempDir())
            .Append(ml.Transforms.CopyColumns("FeaturesCopy", "Features"));
        var model = pipeline.Fit(data);
        var expected = model.Transform(data).GetColumn<float[]>("FeaturesCopy").ToArray();
        var path = Path.Combine(TestPaths.NewTempDir(), "model.zip");
        ml.Model.Save(model, data.Schema, path);

        var fresh = new MLContext(seed: 2);
        fresh.ComponentCatalog.RegisterAssembly(typeof(UtteranceEmbedder).Assembly);
        var loaded = fresh.Model.Load(path, out var inputSchema);
        var actual = loaded.Transform(fresh.Data.LoadFromEnumerable(Rows)).GetColumn<float[]>("FeaturesCopy").ToArray();
        var engine = fresh.Model.CreatePredictionEngine<UtteranceRow, FeaturesRow>(loaded, inputSchema);
        var predicted = engine.Predict(Rows[1]);

        for (var i = 0; i < Rows.Length; i++)
            CollectionAssert.AreEqual(expected[i], actual[i]);
        CollectionAssert.AreEqual(expected[1], predicted.FeaturesCopy);
    }

    [TestMethod]
    public void FitAndGetOutputSchema_MissingOrNonTextInputColumn_ThrowNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var numeric = ml.Data.LoadFromEnumerable([new NumericRow { Utterance = 1f }]);
        var text = ml.Data.LoadFromEnumerable(Rows);

        var wrongType = Assert.ThrowsExactly<ConversationDataException>(() => ml.Transforms.EmbedUtterances().Fit(numeric));
        var missing = Assert.ThrowsExactly<ConversationDataException>(
            () => ml.Transforms.EmbedUtterances(inputColumnName: "Transcript").GetOutputSchema(ShapeOf<UtteranceRow>(ml)));

        Assert.AreEqual(ConversationColumns.Utterance, wrongType.Column);
        StringAssert.Contains(wrongType.Message, "'Utterance'");
        StringAssert.Contains(wrongType.Message, "Single");
        Assert.AreEqual("Transcript", missing.Column);
        StringAssert.Contains(missing.Message, "'Transcript'");
    }

    // SchemaShape.Create is internal; a no-op custom mapping with no inputs publishes the shape of TRow's columns.
    private static SchemaShape ShapeOf<TRow>(MLContext ml) where TRow : class, new() =>
        ml.Transforms.CustomMapping<NoColumns, TRow>((_, _) => { }, contractName: null).GetOutputSchema(new SchemaShape([]));

    public sealed class NoColumns;

    public sealed class UtteranceRow
    {
        public string Speaker { get; set; } = "";

        public string Utterance { get; set; } = "";
    }

    public sealed class FeaturesRow
    {
        [VectorType(UtteranceEmbeddingDefaults.Dimension)]
        public float[] FeaturesCopy { get; set; } = [];
    }

    public sealed class NumericRow
    {
        public float Utterance { get; set; }
    }
}
