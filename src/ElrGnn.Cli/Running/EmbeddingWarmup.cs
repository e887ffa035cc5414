using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.Cli.Running;

/// <summary>
/// Embeds texts into the shared on-disk MiniLM cache in batches before scoring, so that scoring (and its measured speed)
/// does not include first-time embedding, and a loaded model, which embeds uncached texts one by one, stays fast.
/// </summary>
internal static class EmbeddingWarmup
{
    /// <summary>Embeds the distinct texts of the Utterance column of <paramref name="data"/>.</summary>
    public static void Warm(IDataView data) =>
        Warm(data.GetColumn<string>(ConversationColumns.Utterance));

    /// <summary>Embeds the distinct <paramref name="texts"/>.</summary>
    public static void Warm(IEnumerable<string> texts) =>
        UtteranceEmbedder.Default.Embed([.. texts.Distinct(StringComparer.Ordinal)]);
}
