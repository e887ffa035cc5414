using ElrGnn.MLNet.Features.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Tuning;

/// <summary>
/// The tuning's classification head (best epoch) and its class names: the tuned encoder's own per-utterance
/// prediction, kept so that "the encoder alone, no context" can be measured against the context models.
/// </summary>
/// <remarks>
/// <code>
/// *** Binary format ***
///   int32    magic 0x444C4D48 ("HMLD")
///   int32    version (1)
///   int32    classes C (2..10,000), then C class names
///   ...      TorchSharp module state of ClassificationHead(C)
/// </code>
/// </remarks>
internal sealed class TunedHead : IDisposable
{
    private const int Magic = 0x444C4D48;
    private const int Version = 1;
    private const int MaxClasses = 10_000;

    public TunedHead(ClassificationHead module, string[] labels)
    {
        Module = module;
        Labels = labels;
        Module.eval();
    }

    public ClassificationHead Module { get; }

    /// <summary>Class names in logit order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The class index of each mean-pooled vector (B, 384).</summary>
    public long[] Predict(Tensor pooled)
    {
        using var argmax = Module.call(pooled).argmax(1).cpu();
        return argmax.data<long>().ToArray();
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(Labels.Count);
        foreach (var label in Labels)
            writer.Write(label);
        Module.save(writer);
    }

    /// <exception cref="InvalidDataException">Not a tuned head, another version, or weights that do not fit.</exception>
    public static TunedHead Load(BinaryReader reader)
    {
        if (reader.ReadInt32() != Magic)
            throw new InvalidDataException("the tuned head entry does not start with its magic number");
        var version = reader.ReadInt32();
        if (version != Version)
            throw new InvalidDataException($"tuned head version {version} is not readable (expected {Version})");
        var classes = reader.ReadInt32();
        if (classes is < 2 or > MaxClasses)
            throw new InvalidDataException($"the tuned head claims {classes} classes (expected 2..{MaxClasses})");
        var labels = new string[classes];
        for (var c = 0; c < classes; c++)
            labels[c] = reader.ReadString();
        using var rng = random.get_rng_state();
        var module = new ClassificationHead(classes, EncoderTuningDefaults.Dropout);
        random.set_rng_state(rng);
        try
        {
            module.load(reader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            module.Dispose();
            throw new InvalidDataException($"tuned head weights do not fit: {e.Message}", e);
        }
        return new TunedHead(module, labels);
    }

    public void Dispose() => Module.Dispose();
}
