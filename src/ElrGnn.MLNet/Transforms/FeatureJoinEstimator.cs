using ElrGnn.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// Estimator for <see cref="FeatureJoinTransformer"/>: nothing is learned. The feature source is read once, on
/// the first <see cref="Fit"/> or <see cref="GetOutputSchema"/>, and shared by every transformer fitted from this
/// estimator. Create it with <c>mlContext.Transforms.LoadConversationFeatures(...)</c>.
/// </summary>
public sealed class FeatureJoinEstimator : IEstimator<FeatureJoinTransformer>
{
    private readonly IHostEnvironment _env;
    private readonly FeatureJoinColumn[] _columns;
    private readonly string _idColumn;
    private readonly string _turnColumn;
    private readonly bool _embed;
    private readonly Lazy<(FeatureTable Table, FeatureJoinSourceFile? File)> _source;

    internal FeatureJoinEstimator(IHostEnvironment env, FeatureJoinOptions options)
    {
        _env = env ?? throw new ArgumentNullException(nameof(env));
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _columns = [.. options.Columns];
        _idColumn = options.ConversationIdColumnName;
        _turnColumn = options.TurnColumnName;
        _embed = options.SaveFeaturesInModel;
        var sources = _columns.Select(c => c.Source).ToArray();
        string? path = options.SourcePath;
        var format = options.SourceFormat;
        var data = options.SourceData;
        string sourceId = options.SourceConversationIdColumnName, sourceTurn = options.SourceTurnColumnName;
        _source = new(() =>
        {
            if (path is not null)
            {
                var (file, table) = FeatureJoinSourceFile.Open(path, format, sources);
                return (table, file);
            }
            return (FeatureTable.FromDataView(data!, sourceId, sourceTurn, sources), null);
        }, LazyThreadSafetyMode.PublicationOnly); // a failed read is retried, not cached
    }

    /// <summary>Reads the source (first call only), checks the id and turn columns and returns the transformer.</summary>
    /// <exception cref="ConversationDataException">The source or the input columns are bad; the message says which.</exception>
    public FeatureJoinTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = Create();
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }

    /// <summary>The input columns plus one fixed-size float vector column per <see cref="FeatureJoinOptions.Columns"/> entry.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SchemaColumns.Require(inputSchema, _idColumn, NameColumnReader.Supports, NameColumnReader.Expected);
        SchemaColumns.Require(inputSchema, _turnColumn, TurnColumnReader.Supports, TurnColumnReader.Expected);
        return AppendedSchema.BuildShape(inputSchema, Create().Definitions());
    }

    private FeatureJoinTransformer Create()
    {
        var (table, file) = _source.Value;
        return new FeatureJoinTransformer(_env, _columns, _idColumn, _turnColumn, table, file, _embed);
    }
}
