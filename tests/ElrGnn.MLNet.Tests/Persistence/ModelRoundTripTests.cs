using System.Text.Json;
using ElrGnn.MLNet.Persistence;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Persistence;

/// <summary>Fit, evaluate, save with mlContext.Model.Save, load in this process and in a fresh one.</summary>
[TestClass]
public sealed class ModelRoundTripTests
{
    [TestMethod]
    public void Evaluate_OnTransformOutput_ReportsMulticlassMetrics()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = CentroidPipeline.Fit(mlContext);

        // Label is still the key made by the first step; PredictedLabel is text again after the last one.
        var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(data));

        Assert.AreEqual(1.0, metrics.MacroAccuracy, 1e-9);
        Assert.AreEqual(3, metrics.PerClassLogLoss.Count);
        Assert.IsLessThan(0.5, metrics.LogLoss);
    }

    [TestMethod]
    public void Evaluate_WithoutKeyToValue_UsesPredictedLabelKeyColumn()
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromEnumerable(CentroidPipeline.Points());
        var model = mlContext.Transforms.Conversion.MapValueToKey("Label").Append(new CentroidEstimator(mlContext)).Fit(data);

        var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(data));

        Assert.AreEqual(1.0, metrics.MicroAccuracy, 1e-9);
        Assert.AreEqual(3, metrics.ConfusionMatrix.NumberOfClasses);
    }

    [TestMethod]
    public void SaveThenLoad_InANewContext_GivesIdenticalScores()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = CentroidPipeline.Fit(mlContext);
        var expected = CentroidPipeline.Predict(mlContext, model, data);
        var path = CentroidPipeline.Save(mlContext, model, data);

        var fresh = new MLContext();
        LoadableRegistry.Register<CentroidTransformer>(fresh);
        var loaded = ElrGnnComponents.Load(fresh, path, out var inputSchema);
        var actual = CentroidPipeline.Predict(fresh, loaded, fresh.Data.LoadFromEnumerable(CentroidPipeline.Points()));

        Assert.IsNotNull(inputSchema.GetColumnOrNull("Features"));
        Assert.HasCount(expected.Length, actual);
        for (var i = 0; i < expected.Length; i++)
        {
            CollectionAssert.AreEqual(expected[i].Score, actual[i].Score);
            Assert.AreEqual(expected[i].PredictedLabel, actual[i].PredictedLabel);
        }
    }

    [TestMethod]
    public void LoadedModel_WorksWithPredictionEngine()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = CentroidPipeline.Fit(mlContext);
        var path = CentroidPipeline.Save(mlContext, model, data);

        var fresh = new MLContext();
        LoadableRegistry.Register<CentroidTransformer>(fresh);
        var loaded = fresh.Model.Load(path, out _);
        using var engine = fresh.Model.CreatePredictionEngine<LabeledPoint, PointPrediction>(loaded);

        Assert.AreEqual("east", engine.Predict(new LabeledPoint { Features = [3, 0.2f] }).PredictedLabel);
    }

    [TestMethod]
    public void Load_OnContextWithoutRegistration_FailsAsIncompatible()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = CentroidPipeline.Fit(mlContext);
        var path = CentroidPipeline.Save(mlContext, model, data);

        // ElrGnnComponents.Load registers the library's components only; the test transformer is unknown there.
        var ex = Assert.ThrowsExactly<ModelFileException>(() => ElrGnnComponents.Load(new MLContext(), path, out _));
        StringAssert.Contains(ex.Message, "corrupt or incompatible");
    }

    [TestMethod]
    public void Load_InAFreshProcess_GivesIdenticalScores()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = CentroidPipeline.Fit(mlContext);
        var expected = CentroidPipeline.Predict(mlContext, model, data);
        var path = CentroidPipeline.Save(mlContext, model, data);
        var input = Path.Combine(Path.GetDirectoryName(path)!, "input.json");
        File.WriteAllText(input, JsonSerializer.Serialize(CentroidPipeline.Points().Select(p => new { p.Label, p.Features })));

        var rows = ModelProbeRunner.Run(path, input, "--register-assembly", typeof(CentroidTransformer).Assembly.Location).Rows();

        Assert.HasCount(expected.Length, rows);
        for (var i = 0; i < rows.Length; i++)
        {
            var score = rows[i].GetProperty("Score").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            CollectionAssert.AreEqual(expected[i].Score, score, $"row {i}");
            Assert.AreEqual(expected[i].PredictedLabel, rows[i].GetProperty("PredictedLabel").GetString());
        }
    }

    [TestMethod]
    public void Load_InAFreshProcess_FromCsvWithoutLabels_PredictsTheClusters()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = CentroidPipeline.Fit(mlContext);
        var path = CentroidPipeline.Save(mlContext, model, data);
        var input = Path.Combine(Path.GetDirectoryName(path)!, "input.csv");
        File.WriteAllLines(input, ["Features", "0;3", "3 0.1", "0;-2.5"]);

        var rows = ModelProbeRunner.Run(path, input, "--columns", "PredictedLabel",
            "--register-assembly", typeof(CentroidTransformer).Assembly.Location).Rows();

        CollectionAssert.AreEqual(new[] { "north", "east", "south" }, rows.Select(r => r.GetProperty("PredictedLabel").GetString()).ToArray());
    }
}
