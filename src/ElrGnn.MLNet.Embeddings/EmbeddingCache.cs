using System.Collections.Concurrent;
using System.Diagnostics;

namespace ElrGnn.MLNet.Features;

/// <summary>
/// Embeddings by key: an in-memory table, backed (optionally) by an append-only file read once per process.
/// </summary>
/// <remarks>
/// Disk problems never fail an embedding: a file that cannot be written is reported once through
/// <see cref="Trace"/> and the cache carries on in memory only. Thread-safe.
/// </remarks>
internal sealed class EmbeddingCache
{
    private static readonly ConcurrentDictionary<string, EmbeddingCache> Loaded = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<EmbeddingKey, float[]> _vectors = new();
    private readonly Lazy<int> _load;
    private readonly Lock _writeGate = new();
    private readonly string _modelId;
    private bool _writeFailed;

    /// <summary>Creates a cache; <paramref name="filePath"/> null keeps it in memory only.</summary>
    internal EmbeddingCache(string? filePath, string modelId)
    {
        FilePath = filePath is null ? null : Path.GetFullPath(filePath);
        _modelId = modelId;
        _load = new Lazy<int>(LoadFile);
    }

    /// <summary>The backing file, or null for a memory-only cache.</summary>
    public string? FilePath { get; }

    /// <summary>Records of the backing file skipped because their checksum failed (they are recomputed).</summary>
    public int CorruptRecords => _load.Value;

    /// <summary>Number of vectors held in memory.</summary>
    public int Count
    {
        get
        {
            _ = _load.Value;
            return _vectors.Count;
        }
    }

    /// <summary>
    /// The process-wide cache of <paramref name="directory"/> for <paramref name="modelId"/>: the file is read
    /// the first time it is asked for and shared by every embedder using the same folder afterwards.
    /// </summary>
    public static EmbeddingCache ForDirectory(string directory, string modelId)
    {
        var path = Path.GetFullPath(Path.Combine(directory, FileName(modelId)));
        return Loaded.GetOrAdd(path, p => new EmbeddingCache(p, modelId));
    }

    /// <summary>The cache file name of a model: "minilm-" + 16 hex digits of SHA-256(model id) + ".emb".</summary>
    public static string FileName(string modelId)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(modelId));
        return "minilm-" + Convert.ToHexStringLower(hash, 0, 8) + ".emb";
    }

    /// <summary>Looks a vector up; the array returned is shared and must not be modified.</summary>
    public bool TryGet(EmbeddingKey key, out float[] vector)
    {
        _ = _load.Value;
        return _vectors.TryGetValue(key, out vector!);
    }

    /// <summary>Adds freshly computed vectors to memory and appends them to the file (best effort).</summary>
    public void Add(IReadOnlyList<KeyValuePair<EmbeddingKey, float[]>> records)
    {
        _ = _load.Value;
        foreach (var (key, vector) in records)
            _vectors.TryAdd(key, vector);
        if (FilePath is null)
            return;
        lock (_writeGate)
        {
            if (_writeFailed)
                return;
            try
            {
                EmbeddingCacheFile.Append(FilePath, _modelId, UtteranceEmbeddingDefaults.Dimension, records);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _writeFailed = true;
                Trace.TraceWarning($"ElrGnn.MLNet: embedding cache '{FilePath}' is not writable ({e.Message}); continuing in memory only.");
            }
        }
    }

    private int LoadFile()
    {
        if (FilePath is null)
            return 0;
        try
        {
            var corrupt = EmbeddingCacheFile.Read(FilePath, _modelId, UtteranceEmbeddingDefaults.Dimension, _vectors);
            if (corrupt > 0)
                Trace.TraceWarning($"ElrGnn.MLNet: skipped {corrupt} damaged record(s) of embedding cache '{FilePath}'; they will be recomputed.");
            return corrupt;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Trace.TraceWarning($"ElrGnn.MLNet: embedding cache '{FilePath}' could not be read ({e.Message}); starting empty.");
            return 0;
        }
    }
}
