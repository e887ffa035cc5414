using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Persistence;

/// <summary>
/// The end-to-end pipeline of the persistence tests: MapValueToKey("Label") -> centroid estimator ->
/// MapKeyToValue("PredictedLabel"), on three well-separated 2-d clusters.
/// </summary>
internal static class CentroidPipeline
{
    public static readonly string[] Classes = ["north", "east", "south"];

    private static readonly (float X, float Y)[] Centers = [(0, 3), (3, 0), (0, -3)];

    public static LabeledPoint[] Points(int count = 30, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var c = i % Classes.Length;
            return new LabeledPoint
            {
                Label = Classes[c],
                Features = [Centers[c].X + (float)(random.NextDouble() - 0.5), Centers[c].Y + (float)(random.NextDouble() - 0.5)],
            };
        }).ToArray();
    }

    public static IEstimator<ITransformer> Pipeline(MLContext mlContext)
        => mlContext.Transforms.Conversion.MapValueToKey("Label")
            .Append(new CentroidEstimator(mlContext))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    public static (ITransformer Model, IDataView Data) Fit(MLContext mlContext, int count = 30)
    {
        var data = mlContext.Data.LoadFromEnumerable(Points(count));
        return (Pipeline(mlContext).Fit(data), data);
    }

    public static PointPrediction[] Predict(MLContext mlContext, ITransformer model, IDataView data)
        => mlContext.Data.CreateEnumerable<PointPrediction>(model.Transform(data), reuseRowObject: false).ToArray();

    public static string Save(MLContext mlContext, ITransformer model, IDataView data)
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "model.zip");
        mlContext.Model.Save(model, data.Schema, path);
        return path;
    }
}
