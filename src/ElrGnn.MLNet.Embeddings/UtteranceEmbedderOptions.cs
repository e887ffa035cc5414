namespace ElrGnn.MLNet.Features;

/// <summary>Options of <see cref="UtteranceEmbedder"/>: where and whether vectors are cached, and the batch size.</summary>
public class UtteranceEmbedderOptions
{
    /// <summary>
    /// Folder of the on-disk embedding cache. Default null, meaning: $ELRGNN_EMBEDDING_CACHE if set, else
    /// $XDG_CACHE_HOME/elrgnn-mlnet/embeddings, else ~/.cache/elrgnn-mlnet/embeddings. Created on first write.
    /// </summary>
    public string? CacheDirectory;

    /// <summary>
    /// Whether vectors are read from and appended to the on-disk cache. Default true. When false, vectors are
    /// still kept in memory for the life of the embedder, but nothing is read from or written to disk.
    /// </summary>
    public bool UseDiskCache = true;

    /// <summary>
    /// Sentences sent to the model in one call. Default <see cref="UtteranceEmbeddingDefaults.BatchSize"/> (32);
    /// valid range [1, 1024]. Larger batches are faster per sentence but pad short sentences to the longest one.
    /// </summary>
    public int BatchSize = UtteranceEmbeddingDefaults.BatchSize;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    internal void Validate()
    {
        if (BatchSize is < 1 or > UtteranceEmbeddingDefaults.MaxBatchSize)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize,
                $"{nameof(UtteranceEmbedderOptions)}.{nameof(BatchSize)} must be within [1, {UtteranceEmbeddingDefaults.MaxBatchSize}].");
        if (CacheDirectory is { } dir && string.IsNullOrWhiteSpace(dir))
            throw new ArgumentException(
                $"{nameof(UtteranceEmbedderOptions)}.{nameof(CacheDirectory)} must be null (default location) or a folder path.", nameof(CacheDirectory));
    }
}
