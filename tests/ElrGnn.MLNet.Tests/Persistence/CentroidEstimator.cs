using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Tests.Persistence;

/// <summary>
/// Test-only trivial trainer: learns the mean feature vector of each class of a key-typed label. Registers its
/// transformer's loader on the context it is created with, as the library's catalog methods do.
/// </summary>
internal sealed class CentroidEstimator : IEstimator<CentroidTransformer>
{
    private readonly IHostEnvironment _env;
    private readonly string _featureColumn;
    private readonly string _labelColumn;

    public CentroidEstimator(MLContext mlContext, string featureColumn = "Features", string labelColumn = "Label")
    {
        _env = mlContext;
        _featureColumn = featureColumn;
        _labelColumn = labelColumn;
        LoadableRegistry.Register<CentroidTransformer>(_env);
    }

    public CentroidTransformer Fit(IDataView input)
    {
        var label = input.Schema[_labelColumn];
        var features = input.Schema[_featureColumn];
        if (label.Type is not KeyDataViewType key)
            throw new ArgumentOutOfRangeException(nameof(input), "The label must be a key column.");
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        label.GetKeyValues(ref names);
        var classNames = names.DenseValues().Select(n => n.ToString()).ToArray();
        var dimension = ((VectorDataViewType)features.Type).Size;

        var sums = new double[classNames.Length * dimension];
        var counts = new int[classNames.Length];
        using (var cursor = input.GetRowCursor([label, features]))
        {
            var labelGetter = cursor.GetGetter<uint>(label);
            var featureGetter = cursor.GetGetter<VBuffer<float>>(features);
            uint k = 0;
            var x = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                labelGetter(ref k);
                if (k == 0)
                    continue;
                featureGetter(ref x);
                var c = (int)k - 1;
                counts[c]++;
                var j = 0;
                foreach (var v in x.DenseValues())
                    sums[c * dimension + j++] += v;
            }
        }
        var centroids = sums.Select((s, i) => (float)(s / Math.Max(1, counts[i / dimension]))).ToArray();
        return new CentroidTransformer(_env, _featureColumn, classNames, centroids);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        if (!inputSchema.Any(c => c.Name == _featureColumn) || !inputSchema.Any(c => c.Name == _labelColumn && c.IsKey))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), "Needs a feature vector and a key label.");
        // Sizes are not part of a SchemaShape: placeholders of size 1 give the right kinds and annotations.
        return AppendedSchema.BuildShape(inputSchema,
        [
            AppendedColumnDefinition.Vector("Score", NumberDataViewType.Single, 1, ["?"]),
            AppendedColumnDefinition.Key("PredictedLabel", ["?"]),
        ]);
    }
}
