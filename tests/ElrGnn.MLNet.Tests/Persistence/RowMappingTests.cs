using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Persistence;

/// <summary>Row-to-row mapping: what PredictionEngine uses on a chain that contains an appending transformer.</summary>
[TestClass]
public sealed class RowMappingTests
{
    [TestMethod]
    public void PredictionEngine_OnChain_MatchesTransform()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = CentroidPipeline.Fit(mlContext);
        var expected = CentroidPipeline.Predict(mlContext, model, data);

        using var engine = mlContext.Model.CreatePredictionEngine<LabeledPoint, PointPrediction>(model);
        var points = CentroidPipeline.Points();
        for (var i = 0; i < points.Length; i++)
        {
            var actual = engine.Predict(new LabeledPoint { Features = points[i].Features }); // no label at prediction time
            CollectionAssert.AreEqual(expected[i].Score, actual.Score);
            Assert.AreEqual(expected[i].PredictedLabel, actual.PredictedLabel);
        }
    }

    [TestMethod]
    public void RowToRowMapper_AskedForScoreOnly_DependsOnFeaturesOnly()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, data) = CentroidPipeline.Fit(mlContext);
        var chain = (IEnumerable<ITransformer>)model;
        var centroid = chain.OfType<CentroidTransformer>().Single();
        var schema = model.GetOutputSchema(data.Schema);
        var keyed = chain.First().GetOutputSchema(data.Schema);

        var mapper = ((ITransformer)centroid).GetRowToRowMapper(keyed);
        var dependencies = mapper.GetDependencies([mapper.OutputSchema["Score"]]).Select(c => c.Name).ToArray();

        CollectionAssert.AreEqual(new[] { "Features" }, dependencies);
        Assert.IsTrue(((ITransformer)centroid).IsRowToRowMapper);
        Assert.IsNotNull(schema.GetColumnOrNull("Score"));
    }

    [TestMethod]
    public void PredictionEngine_SameInputTwice_GivesSameScoreAndFollowsNewInput()
    {
        var mlContext = new MLContext(seed: 1);
        var (model, _) = CentroidPipeline.Fit(mlContext);
        using var engine = mlContext.Model.CreatePredictionEngine<LabeledPoint, PointPrediction>(model);

        var north = engine.Predict(new LabeledPoint { Features = [0, 3] });
        var south = engine.Predict(new LabeledPoint { Features = [0, -3] });
        var northAgain = engine.Predict(new LabeledPoint { Features = [0, 3] });

        Assert.AreEqual("north", north.PredictedLabel);
        Assert.AreEqual("south", south.PredictedLabel);
        CollectionAssert.AreEqual(north.Score, northAgain.Score);
    }
}
