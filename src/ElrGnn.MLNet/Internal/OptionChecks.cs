using ElrGnn.MLNet.Modules;

namespace ElrGnn.MLNet.Internal;

/// <summary>
/// Every range rule of the options, written once. <c>ElrGnnTrainer.Options</c>, <c>NetworkConfig</c> and
/// <c>ConversationGraphOptions</c> call these with their own class name as <c>owner</c>, so a message reads
/// "ElrGnnTrainer.Options.Dropout must be in [0, 1)." and the exception's parameter name is the option's.
/// </summary>
internal static class OptionChecks
{
    /// <summary>Largest number of learned speaker embeddings (trainer <c>MaxSpeakers</c>, network <c>SpeakerEmbeddings</c>).</summary>
    public const int MaxSpeakerEmbeddings = 4096;

    /// <summary>Largest number of speaker-relation graph blocks.</summary>
    public const int MaxSpeakerGraphLayers = 16;

    /// <summary>Largest number of context encoder layers.</summary>
    public const int MaxLstmLayers = 8;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="owner"/>.<paramref name="option"/> unless <paramref name="ok"/>.</summary>
    public static void Check(bool ok, string owner, string option, object? value, string range)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(option, value, $"{owner}.{option} must be {range}.");
    }

    /// <summary>A column name (or other required text): non-empty, not only white space.</summary>
    public static void NonEmpty(string? value, string owner, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"{owner}.{option} must be non-empty.", option);
    }

    /// <summary>A share or probability in [0, 1): dropout, DropNode, weight decay, validation fraction.</summary>
    public static void UnitInterval(double value, string owner, string option) =>
        Check(value >= 0 && value < 1, owner, option, value, "in [0, 1)");

    /// <summary>A count ≥ <paramref name="min"/>.</summary>
    public static void AtLeast(int value, int min, string owner, string option) =>
        Check(value >= min, owner, option, value, $"≥ {min}");

    /// <summary>A count in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void Between(int value, int min, int max, string owner, string option) =>
        Check(value >= min && value <= max, owner, option, value, $"in [{min}, {max}]");

    /// <summary>A defined member of <typeparamref name="TEnum"/>.</summary>
    public static void Defined<TEnum>(TEnum value, string owner, string option) where TEnum : struct, Enum =>
        Check(Enum.IsDefined(value), owner, option, value, $"a defined {typeof(TEnum).Name}");

    /// <summary>The network shape and switches that the trainer options and the saved network header share.</summary>
    public static void NetworkShape(in NetworkShapeValues v, string owner)
    {
        Check(v.HiddenSize >= 2 && v.HiddenSize % 2 == 0, owner, nameof(v.HiddenSize), v.HiddenSize, "even and ≥ 2 (dh/2 per LSTM direction)");
        AtLeast(v.ModelSize, 1, owner, nameof(v.ModelSize));
        Between(v.LstmLayers, 1, MaxLstmLayers, owner, nameof(v.LstmLayers));
        Check(v.Heads >= 1 && v.ModelSize % v.Heads == 0, owner, nameof(v.Heads), v.Heads, $"≥ 1 and divide {nameof(v.ModelSize)} ({v.ModelSize})");
        Check(v.TransformerHeads >= 1 && v.HiddenSize % v.TransformerHeads == 0, owner, nameof(v.TransformerHeads), v.TransformerHeads,
            $"≥ 1 and divide {nameof(v.HiddenSize)} ({v.HiddenSize})");
        UnitInterval(v.Dropout, owner, nameof(v.Dropout));
        UnitInterval(v.DropNode, owner, nameof(v.DropNode));
        Between(v.SpeakerGraphLayers, 1, MaxSpeakerGraphLayers, owner, nameof(v.SpeakerGraphLayers));
        Defined(v.ContextEncoder, owner, nameof(v.ContextEncoder));
        Defined(v.LatentOperator, owner, nameof(v.LatentOperator));
        Defined(v.LateFusion, owner, nameof(v.LateFusion));
    }
}
