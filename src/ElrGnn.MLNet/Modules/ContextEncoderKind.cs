namespace ElrGnn.MLNet.Modules;

/// <summary>How <see cref="ContextEncoder"/> turns projected features into context-aware utterance features (spec §2.1, §6 #1).</summary>
public enum ContextEncoderKind
{
    /// <summary>One Bi-LSTM per modality, outputs concatenated (default [INF]: keeps 1024-wide text from swamping 100-wide audio).</summary>
    PerModality = 0,

    /// <summary>One shared Bi-LSTM over the concatenated modality projections.</summary>
    Concatenated = 1,

    /// <summary>A small Transformer encoder with sinusoidal positions and a key-padding mask (ablation, not in the paper).</summary>
    Transformer = 2,
}
