using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Features;

/// <summary>
/// Adds a 384-d MiniLM sentence embedding of each row's utterance. Made by <see cref="UtteranceEmbeddingEstimator"/>;
/// frozen (default) it has no learned state; tuned (<see cref="IsTuned"/>) it holds the fine-tuned encoder.
/// </summary>
/// <remarks>
/// <para><see cref="Transform"/> first reads the input column once and embeds all distinct texts in batches
/// (cached texts cost nothing), so the rows that follow are cache lookups. <see cref="PredictionEngine{TSrc, TDst}"/>
/// embeds one row at a time.</para>
/// <para>Saving and loading: it saves as an ML.NET custom mapping (contract
/// "ElrGnn.MLNet.Features.UtteranceEmbedding.MiniLM.v1") inside a transformer chain. Before
/// <c>mlContext.Model.Load</c> in a new process call <c>mlContext.RegisterUtteranceEmbeddings()</c> (which loads tuned
/// models too). The loaded model
/// produces the same vectors and uses <see cref="UtteranceEmbedder.Default"/> (cache folder from
/// $ELRGNN_EMBEDDING_CACHE or the default location). It embeds uncached texts one row at a time (measured
/// about 15% slower than batches for short utterances); <c>UtteranceEmbedder.Default.Embed(texts)</c> warms the
/// cache in batches first if that matters.</para>
/// <para>A tuned transformer saves as its own component with the tuned weights (a written-down binary format with a
/// version; a damaged entry is a <see cref="Persistence.ModelFileException"/> on load). Before loading it in a new
/// process call <c>mlContext.RegisterUtteranceEmbeddings()</c>. Its vectors are not cached on disk.</para>
/// </remarks>
public sealed class UtteranceEmbeddingTransformer : ITransformer
{
    private readonly UtteranceEmbedder? _embedder;
    private readonly ITransformer _mapping;

    internal UtteranceEmbeddingTransformer(UtteranceEmbedder? embedder, ITransformer mapping, string inputColumnName, string outputColumnName,
        EncoderTuningSummary? tuning)
    {
        _embedder = embedder;
        _mapping = mapping;
        InputColumnName = inputColumnName;
        OutputColumnName = outputColumnName;
        Tuning = tuning;
    }

    /// <summary>True when the encoder was fine-tuned on labels (<see cref="UtteranceEmbeddingOptions.LabelColumnName"/>).</summary>
    public bool IsTuned => Tuning is not null;

    /// <summary>How the encoder was fine-tuned; null for frozen vectors.</summary>
    public EncoderTuningSummary? Tuning { get; }

    /// <summary>The inner transformer: a custom-mapping chain (frozen) or the tuned-encoder component.</summary>
    internal ITransformer Inner => _mapping;

    /// <summary>The text column read.</summary>
    public string InputColumnName { get; }

    /// <summary>The vector column written: 384 floats per row.</summary>
    public string OutputColumnName { get; }

    /// <summary>Always true: each output row depends only on its input row.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema plus the output vector column.</summary>
    /// <exception cref="Data.ConversationDataException">The input column is missing or not text.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        EmbeddingSchema.CheckInput(inputSchema, InputColumnName);
        return _mapping.GetOutputSchema(inputSchema);
    }

    /// <summary>A row mapper for one-row-at-a-time use (e.g. a prediction engine).</summary>
    /// <exception cref="Data.ConversationDataException">The input column is missing or not text.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        EmbeddingSchema.CheckInput(inputSchema, InputColumnName);
        return _mapping.GetRowToRowMapper(inputSchema);
    }

    /// <summary>Embeds every distinct text of <paramref name="input"/> (one pass, batched), then returns the lazy view with the vector column.</summary>
    /// <exception cref="Data.ConversationDataException">The input column is missing or not text.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        EmbeddingSchema.CheckInput(input.Schema, InputColumnName);
        _embedder?.EmbedShared(DistinctTexts(input), progress: null, CancellationToken.None);
        return _mapping.Transform(input);
    }

    /// <summary>Saves the inner transformer (see the remarks for loading).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => _mapping.Save(ctx);

    private List<string> DistinctTexts(IDataView input)
    {
        var column = input.Schema[InputColumnName];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var cursor = input.GetRowCursor([column]);
        var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            seen.Add(value.ToString());
        }
        return [.. seen];
    }
}
