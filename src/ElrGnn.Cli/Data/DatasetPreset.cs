using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Training;

namespace ElrGnn.Cli.Data;

/// <summary>The two hyper-parameter presets of the paper (spec §3.1): IEMOCAP and MELD.</summary>
internal static class DatasetPreset
{
    /// <summary>IEMOCAP preset name (the library defaults).</summary>
    public const string Iemocap = "iemocap";

    /// <summary>MELD preset name.</summary>
    public const string Meld = "meld";

    /// <summary>The option if given, else "meld" when the data path mentions it, else "iemocap".</summary>
    public static string Resolve(string? option, string? dataPath) =>
        option ?? (dataPath is not null && Path.GetFullPath(dataPath).Contains(Meld, StringComparison.OrdinalIgnoreCase) ? Meld : Iemocap);

    /// <summary>Trainer options of the preset: the paper's (spec §3.1) for pre-extracted features, or the text recipe
    /// (<see cref="ElrGnnTrainer.Options.ForIemocapText"/> / <see cref="ElrGnnTrainer.Options.ForMeldText"/>) for text
    /// embedded by MiniLM.</summary>
    public static ElrGnnTrainer.Options TrainerOptions(string preset, bool textEmbeddings) => (preset, textEmbeddings) switch
    {
        (Meld, true) => ElrGnnTrainer.Options.ForMeldText(),
        (Meld, false) => ElrGnnTrainer.Options.ForMeld(),
        (_, true) => ElrGnnTrainer.Options.ForIemocapText(),
        _ => ElrGnnTrainer.Options.ForIemocap(),
    };

    /// <summary>
    /// Whether <c>--text-encoder</c>, when not given, fine-tunes MiniLM for this preset: the encoder whose vectors gave
    /// ELR-GNN the higher validation W-F1 on the preset's data set (RESULTS.md, "Emotion-tuned text features"): frozen on
    /// IEMOCAP, tuned on MELD.
    /// </summary>
    public static bool TunesTextByDefault(string preset) => preset == Meld;

    /// <summary>Graph options of the preset.</summary>
    public static ConversationGraphOptions GraphOptions(string preset) =>
        preset == Meld ? ConversationGraphOptions.ForMeld() : ConversationGraphOptions.ForIemocap();
}
