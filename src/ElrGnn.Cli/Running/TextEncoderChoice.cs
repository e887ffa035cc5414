using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Features;
using Microsoft.ML;

namespace ElrGnn.Cli.Running;

/// <summary>
/// <c>--text-encoder frozen|tuned</c>: for utterances.csv data, the text step of the pipeline is the pretrained MiniLM
/// (frozen) or MiniLM fine-tuned on the train labels (epoch picked on the valid split), taken from the tuned-encoder
/// cache when the same data, options and seed were tuned before.
/// </summary>
/// <param name="IsTuned">True for tuned.</param>
/// <param name="Epochs">Fine-tuning epochs; null = the library's default.</param>
/// <param name="Device">Torch device.</param>
/// <param name="Progress">Receives fine-tuning progress.</param>
/// <param name="Cancellation">Stops fine-tuning.</param>
/// <param name="Overrides">Hidden <c>--encoder-option Name=value</c> settings of <see cref="UtteranceEmbeddingOptions"/>.</param>
internal sealed record TextEncoderChoice(bool IsTuned, int? Epochs, string Device, IProgress<EncoderTuningProgress>? Progress,
    CancellationToken Cancellation, IReadOnlyList<string>? Overrides = null)
{
    /// <summary>The option value for pretrained vectors.</summary>
    public const string FrozenValue = "frozen";

    /// <summary>The option value for fine-tuned vectors.</summary>
    public const string TunedValue = "tuned";

    /// <summary>
    /// Seed of the fine-tuning, fixed so that every seed of a bench (and every train run) reuses one tuning; the model's
    /// own seed varies independently.
    /// </summary>
    public const int EncoderSeed = 1;

    /// <summary>Folder of the tuned-encoder cache: "tuned" beside the embedding cache.</summary>
    public static string CacheDirectory =>
        Path.Combine(UtteranceEmbedder.Default.CacheDirectory ?? Path.Combine(Path.GetTempPath(), "elrgnn-mlnet"), "tuned");

    /// <summary>The <c>--text-encoder</c> value as "tuned?"; null when not given (the preset's default applies:
    /// <see cref="Data.DatasetPreset.TunesTextByDefault"/>).</summary>
    public static bool? Parse(string? value) => value is null ? null : value == TunedValue;

    /// <summary>Whether text is fine-tuned: only utterances.csv text can be, and then as asked, else the preset's default.</summary>
    public static bool TunesText(bool? asked, string preset, bool textFromUtterances) =>
        textFromUtterances && (asked ?? Data.DatasetPreset.TunesTextByDefault(preset));

    /// <summary>Checks <c>--encoder-option</c> names and value types before any work (they apply only when tuning runs).</summary>
    /// <exception cref="CliUsageException">An unknown name or a value of the wrong type.</exception>
    public static void CheckOverrides(IEnumerable<string>? overrides) =>
        OptionOverrides.Apply(new UtteranceEmbeddingOptions(), overrides ?? [], "--encoder-option");

    /// <summary>The tuned text step, fitted on <paramref name="keyedTrain"/> (labels already keys), valid split for the epoch;
    /// <paramref name="summary"/> says how it was tuned (also on a cache hit).</summary>
    public ITransformer FitTuned(MLContext ml, IDataView keyedTrain, IDataView? keyedValid, out bool tunedNow, out EncoderTuningSummary summary)
    {
        var options = new UtteranceEmbeddingOptions
        {
            InputColumnName = ConversationColumns.Utterance,
            OutputColumnName = ConversationColumns.Text,
            LabelColumnName = ConversationColumns.Label,
            Seed = EncoderSeed,
            Device = Device,
            ValidationSet = keyedValid,
            Progress = Progress,
            CancellationToken = Cancellation,
        };
        if (Epochs is { } epochs)
            options.Epochs = epochs;
        OptionOverrides.Apply(options, Overrides ?? [], "--encoder-option");
        return TunedEncoderCache.GetOrFit(ml, options, keyedTrain, CacheDirectory, out tunedNow, out summary);
    }
}
