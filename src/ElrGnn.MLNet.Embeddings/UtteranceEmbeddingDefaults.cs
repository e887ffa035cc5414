using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Features;

/// <summary>
/// Defaults shared by <see cref="UtteranceEmbedderOptions"/>, <see cref="UtteranceEmbeddingOptions"/>
/// and <see cref="EmbeddingCatalog"/>, so the three cannot drift apart.
/// </summary>
public static class UtteranceEmbeddingDefaults
{
    /// <summary>Length of every embedding vector produced by the MiniLM sentence model: 384.</summary>
    public const int Dimension = 384;

    /// <summary>Sentences sent to the model in one call. Default 32; valid range [1, <see cref="MaxBatchSize"/>].</summary>
    public const int BatchSize = 32;

    /// <summary>Largest accepted <see cref="UtteranceEmbedderOptions.BatchSize"/>: 1024.</summary>
    public const int MaxBatchSize = 1024;

    /// <summary>
    /// Environment variable that overrides the default cache folder ("ELRGNN_EMBEDDING_CACHE").
    /// An explicit <see cref="UtteranceEmbedderOptions.CacheDirectory"/> wins over it.
    /// </summary>
    public const string CacheEnvironmentVariable = "ELRGNN_EMBEDDING_CACHE";

    /// <summary>Default input column: the raw utterance text, <see cref="ConversationColumns.Utterance"/>.</summary>
    public const string InputColumnName = ConversationColumns.Utterance;

    /// <summary>Default output column: the text feature vector, <see cref="ConversationColumns.Text"/>.</summary>
    public const string OutputColumnName = ConversationColumns.Text;
}
