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

    /// <summary>Trainer options of the preset: the paper's (spec §3.1) for pre-extracted multimodal features, or, for
    /// text embedded by MiniLM, the text recipe chosen on IEMOCAP's valid split (RESULTS.md): a 10× learning rate,
    /// d = 128, and for IEMOCAP batches of 8 dialogues, 80 epochs and patience 20 (its 108 training dialogues give few steps).</summary>
    public static ElrGnnTrainer.Options TrainerOptions(string preset, bool textEmbeddings = false)
    {
        var options = preset == Meld ? ElrGnnTrainer.Options.ForMeld() : ElrGnnTrainer.Options.ForIemocap();
        if (!textEmbeddings)
            return options;
        options.LearningRate = 1e-3;
        options.ModelSize = 128;
        if (preset != Meld)
        {
            options.BatchSize = 8;
            options.MaxEpochs = 80;
            options.EarlyStoppingPatience = 20;
        }
        return options;
    }

    /// <summary>Graph options of the preset.</summary>
    public static ConversationGraphOptions GraphOptions(string preset) =>
        preset == Meld ? ConversationGraphOptions.ForMeld() : ConversationGraphOptions.ForIemocap();
}
