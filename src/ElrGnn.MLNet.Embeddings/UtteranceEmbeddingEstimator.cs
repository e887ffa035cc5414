using ElrGnn.MLNet.Features.Tuning;
using ElrGnn.MLNet.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Features;

/// <summary>
/// Estimator for <see cref="UtteranceEmbeddingTransformer"/>: text column in, known-size vector of 384 floats out
/// (MiniLM sentence embeddings, computed offline on the CPU, cached on disk). Create it with
/// <see cref="EmbeddingCatalog.EmbedUtterances(TransformsCatalog, string, string, string)"/>.
/// </summary>
/// <remarks>Without <see cref="UtteranceEmbeddingOptions.LabelColumnName"/>, fitting learns nothing: it only checks the
/// schema and builds the transformer. With it, fitting fine-tunes MiniLM on the labelled rows (see
/// <see cref="UtteranceEmbeddingOptions"/>).</remarks>
public sealed class UtteranceEmbeddingEstimator : IEstimator<UtteranceEmbeddingTransformer>
{
    private readonly UtteranceEmbedder _embedder;
    private readonly IEstimator<ITransformer> _mapping;
    private readonly string _inputColumnName;
    private readonly string _outputColumnName;
    private readonly UtteranceEmbeddingOptions _options;
    private readonly IHostEnvironment _env;

    internal UtteranceEmbeddingEstimator(TransformsCatalog catalog, UtteranceEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _env = MlNetInternals.GetEnvironment(catalog);
        // A context that fits a tuned encoder can also save and load it.
        LoadableRegistry.RegisterAssembly(_env, typeof(UtteranceEmbeddingEstimator).Assembly);
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

    /// <summary>
    /// Checks the input column and builds the transformer. Frozen (default): nothing is learned and no text is embedded
    /// yet. With a label column: fine-tunes the encoder on <paramref name="input"/>'s labelled rows first.
    /// </summary>
    /// <exception cref="Data.ConversationDataException">A column is missing or of the wrong type (named).</exception>
    /// <exception cref="InvalidOperationException">Fine-tuning found fewer than 2 classes or no labelled row.</exception>
    /// <exception cref="OperationCanceledException">Fine-tuning was cancelled through the options' token.</exception>
    public UtteranceEmbeddingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        EmbeddingSchema.CheckInput(input.Schema, _inputColumnName);
        if (!_options.IsTuned)
            return new UtteranceEmbeddingTransformer(_embedder, _mapping.Fit(input), _inputColumnName, _outputColumnName, tuning: null);
        var (tuned, summary) = EncoderTuningRun.Fit(_env, _options, input);
        return new UtteranceEmbeddingTransformer(embedder: null, tuned, _inputColumnName, _outputColumnName, summary);
    }

    /// <summary>The input shape plus the output column: a known-size vector of 384 <see cref="float"/> values.</summary>
    /// <exception cref="Data.ConversationDataException">The input column is missing or not text.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        EmbeddingSchema.CheckInput(inputSchema, _inputColumnName);
        return _mapping.GetOutputSchema(inputSchema);
    }
}
