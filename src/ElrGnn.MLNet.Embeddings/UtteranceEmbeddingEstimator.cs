using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Features;

/// <summary>
/// Estimator for <see cref="UtteranceEmbeddingTransformer"/>: text column in, known-size vector of 384 floats out
/// (MiniLM sentence embeddings, computed offline on the CPU, cached on disk). Create it with
/// <see cref="EmbeddingCatalog.EmbedUtterances(TransformsCatalog, string, string, string)"/>.
/// </summary>
/// <remarks>Fitting learns nothing: it only checks the schema and builds the transformer.</remarks>
public sealed class UtteranceEmbeddingEstimator : IEstimator<UtteranceEmbeddingTransformer>
{
    private readonly UtteranceEmbedder _embedder;
    private readonly IEstimator<ITransformer> _mapping;
    private readonly string _inputColumnName;
    private readonly string _outputColumnName;

    internal UtteranceEmbeddingEstimator(TransformsCatalog catalog, UtteranceEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _embedder = new UtteranceEmbedder(options);
        _inputColumnName = options.InputColumnName;
        _outputColumnName = options.OutputColumnName;
        // Copies to and from fixed private names because a saved custom mapping keeps only its contract name,
        // not column names; the copies are ordinary transforms that save their names.
        _mapping = catalog.CopyColumns(UtteranceEmbeddingMappingFactory.InputColumn, _inputColumnName)
            .Append(catalog.CustomMapping(UtteranceEmbeddingMappingFactory.CreateMapping(_embedder), UtteranceEmbeddingMappingFactory.ContractName))
            .Append(catalog.CopyColumns(_outputColumnName, UtteranceEmbeddingMappingFactory.OutputColumn))
            .Append(catalog.DropColumns(UtteranceEmbeddingMappingFactory.InputColumn, UtteranceEmbeddingMappingFactory.OutputColumn));
    }

    /// <summary>Checks the input column and builds the transformer; nothing is learned and no text is embedded yet.</summary>
    /// <exception cref="Data.ConversationDataException">The input column is missing or not text.</exception>
    public UtteranceEmbeddingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        EmbeddingSchema.CheckInput(input.Schema, _inputColumnName);
        return new UtteranceEmbeddingTransformer(_embedder, _mapping.Fit(input), _inputColumnName, _outputColumnName);
    }

    /// <summary>The input shape plus the output column: a known-size vector of 384 <see cref="float"/> values.</summary>
    /// <exception cref="Data.ConversationDataException">The input column is missing or not text.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        EmbeddingSchema.CheckInput(inputSchema, _inputColumnName);
        return _mapping.GetOutputSchema(inputSchema);
    }
}
