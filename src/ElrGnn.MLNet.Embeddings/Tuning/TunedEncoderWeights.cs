using System.Text;
using ElrGnn.MLNet.Features.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Tuning;

/// <summary>Saves and loads a tuned <see cref="MiniLmModel"/> as one binary entry of the model zip.</summary>
/// <remarks>
/// <code>
/// *** Binary format ***
///   int32   magic 0x574D4C4D ("MLMW")
///   int32   version (1: MiniLM-L6, hidden 384, Hugging Face parameter names)
///   ...     TorchSharp module state (module.save): weights matched by parameter name, strict on load
/// </code>
/// The model writer records the entry's length and SHA-256, so a damaged entry is refused before it is parsed.
/// </remarks>
internal static class TunedEncoderWeights
{
    private const int Magic = 0x574D4C4D;
    private const int Version = 1;

    public static void Save(MiniLmModel encoder, BinaryWriter writer)
    {
        writer.Write(Magic);
        writer.Write(Version);
        encoder.save(writer);
    }

    /// <exception cref="InvalidDataException">Not tuned MiniLM weights, another version, or weights that do not fit.</exception>
    public static MiniLmModel Load(BinaryReader reader)
    {
        Native.TorchNative.EnsureLoaded();
        if (reader.ReadInt32() != Magic)
            throw new InvalidDataException("the tuned MiniLM entry does not start with its magic number");
        var version = reader.ReadInt32();
        if (version != Version)
            throw new InvalidDataException($"tuned MiniLM weights version {version} is not readable (expected {Version})");
        // Building initialises random weights from the global generator; keep the caller's random stream untouched.
        using var rng = TorchSharp.torch.random.get_rng_state();
        var encoder = new MiniLmModel();
        TorchSharp.torch.random.set_rng_state(rng);
        try
        {
            encoder.load(reader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            encoder.Dispose();
            throw new InvalidDataException($"tuned MiniLM weights do not fit the model: {e.Message}", e);
        }
        encoder.eval();
        return encoder;
    }
}
