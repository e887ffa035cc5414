using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Tests.Persistence;

/// <summary>
/// Test-only transformer with learned state: one centroid per class. Appends <c>Score</c> (softmax of minus the
/// squared distances, slot names = class names) and <c>PredictedLabel</c> (key, key values = class names).
/// </summary>
internal sealed class CentroidTransformer : AppendingTransformerBase, IModelLoadable<CentroidTransformer>
{
    public const string CentroidsEntry = "Centroids";

    // Format history: 0x00010001 initial.
    private static readonly ModelFormat CurrentFormat = new("TSTCENTR", "ElrGnnTestCentroid", 0x00010001, 0x00010001, 0x00010001);

    public CentroidTransformer(IHostEnvironment env, string featureColumn, string[] classNames, float[] centroids)
        : base(env, CurrentFormat)
    {
        if (classNames.Length == 0 || centroids.Length == 0 || centroids.Length % classNames.Length != 0)
            throw new ArgumentException("Need at least one class and one centroid value per class and dimension.");
        FeatureColumn = featureColumn;
        ClassNames = classNames;
        Centroids = centroids;
    }

    static ModelFormat IModelLoadable<CentroidTransformer>.Format => CurrentFormat;

    public string FeatureColumn { get; }

    public string[] ClassNames { get; }

    /// <summary>Row-major (class, dimension).</summary>
    public float[] Centroids { get; }

    public int Dimension => Centroids.Length / ClassNames.Length;

    static CentroidTransformer IModelLoadable<CentroidTransformer>.Load(IHostEnvironment env, ModelReader reader)
    {
        // *** Binary format ***
        //   string     feature column name
        //   int        number of classes C (1..1000)
        //   int        feature dimension D (1..100000)
        //   string[]   class names (int count = C, then C strings)
        //   entry "Centroids": float[] (int count = C * D, then C * D floats, row-major)
        var r = reader.Reader;
        var featureColumn = r.ReadString();
        var classes = r.ReadInt32InRange("class count", 1, 1000);
        var dimension = r.ReadInt32InRange("dimension", 1, 100_000);
        var names = r.ReadStringArray("class names", classes);
        float[] centroids = [];
        reader.ReadStream(CentroidsEntry, s => centroids = s.ReadSingleArray("centroids", classes * dimension));
        return new CentroidTransformer(env, featureColumn, names, centroids);
    }

    private protected override void SaveModel(ModelWriter writer)
    {
        // *** Binary format *** (see Load)
        var w = writer.Writer;
        w.Write(FeatureColumn);
        w.Write(ClassNames.Length);
        w.Write(Dimension);
        w.WriteStringArray(ClassNames);
        writer.WriteStream(CentroidsEntry, s => s.WriteSingleArray(Centroids));
    }

    private protected override IReadOnlyList<AppendedColumnDefinition> GetAppendedColumns(DataViewSchema inputSchema)
    {
        var column = inputSchema.GetColumnOrNull(FeatureColumn)
            ?? throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Feature column '{FeatureColumn}' not found.");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType n, Size: var size } || n != NumberDataViewType.Single || size != Dimension)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Feature column '{FeatureColumn}' must be a vector of {Dimension} floats.");
        return
        [
            AppendedColumnDefinition.Vector("Score", NumberDataViewType.Single, ClassNames.Length, ClassNames),
            AppendedColumnDefinition.Key("PredictedLabel", ClassNames),
        ];
    }

    private protected override IReadOnlyList<string> GetInputColumnNames() => [FeatureColumn];

    private protected override IReadOnlyList<AppendedColumnValues> ComputeAll(IDataView input)
    {
        var scores = new List<float[]>();
        var column = input.Schema[FeatureColumn];
        using (var cursor = input.GetRowCursor([column]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            var features = default(VBuffer<float>);
            while (cursor.MoveNext())
            {
                getter(ref features);
                scores.Add(Score(features.DenseValues().ToArray()));
            }
        }
        return [AppendedColumnValues.Vectors(scores.ToArray()), AppendedColumnValues.Keys(scores.Select(ArgMax).ToArray())];
    }

    private protected override Func<IReadOnlyList<AppendedColumnValues>> BindRow(DataViewRow input)
    {
        var getter = input.GetGetter<VBuffer<float>>(input.Schema[FeatureColumn]);
        var features = default(VBuffer<float>);
        return () =>
        {
            getter(ref features);
            var score = Score(features.DenseValues().ToArray());
            return [AppendedColumnValues.Vectors([score]), AppendedColumnValues.Keys([ArgMax(score)])];
        };
    }

    private float[] Score(float[] x)
    {
        var logits = new float[ClassNames.Length];
        for (var c = 0; c < logits.Length; c++)
        {
            float d = 0;
            for (var j = 0; j < Dimension; j++)
            {
                var diff = x[j] - Centroids[c * Dimension + j];
                d += diff * diff;
            }
            logits[c] = -d;
        }
        var max = logits.Max();
        var exp = logits.Select(l => MathF.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => e / sum).ToArray();
    }

    private static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());
}
