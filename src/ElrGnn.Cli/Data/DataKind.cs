namespace ElrGnn.Cli.Data;

/// <summary>Where the data of a command comes from.</summary>
internal enum DataKind
{
    /// <summary>The built-in synthetic conversations (no --data).</summary>
    Synthetic,

    /// <summary>A transcript table in the utterances.csv layout; text features come from MiniLM.</summary>
    Csv,

    /// <summary>A community feature pickle (IEMOCAP_features.pkl, MELD_features_raw1.pkl, COSMIC RoBERTa files).</summary>
    Pickle,
}
