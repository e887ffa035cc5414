using System.Text;
using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Training;

/// <summary>
/// Saves and loads an <see cref="ElrGnnNetwork"/> to and from a stream: the <see cref="NetworkConfig"/> header, then
/// TorchSharp's module weights (<c>module.save</c>). The model-file writer embeds this stream.
/// </summary>
/// <remarks>
/// <code>
/// *** Binary format ***
/// NetworkConfig header (see NetworkConfig; carries its own magic and version)
/// TorchSharp module state (module.save(BinaryWriter)): weights matched by field name, see ElrGnnNetwork
/// </code>
/// </remarks>
public static class NetworkWeights
{
    /// <summary>Writes the header and the weights; the stream is left open.</summary>
    /// <param name="network">The network.</param>
    /// <param name="stream">Writable destination.</param>
    public static void Save(ElrGnnNetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        network.Config.Write(writer);
        network.save(writer);
        writer.Flush();
    }

    /// <summary>Reads a network written by <see cref="Save"/>, builds it on the CPU, loads the weights and moves it to
    /// <paramref name="device"/>. The global torch generator is left as it was.</summary>
    /// <param name="stream">Readable source positioned at the header; left open.</param>
    /// <param name="device">Target device; null = CPU.</param>
    /// <param name="expected">When given, the header must equal it (e.g. the widths of the data about to be scored).</param>
    /// <returns>The network, in evaluation mode.</returns>
    /// <exception cref="InvalidDataException">The stream is not a network, has another version, does not match
    /// <paramref name="expected"/>, or its weights do not fit the header's shapes.</exception>
    public static ElrGnnNetwork Load(Stream stream, Device? device = null, NetworkConfig? expected = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        TorchNative.EnsureLoaded();
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var config = NetworkConfig.Read(reader);
        if (expected is not null && !expected.Equals(config))
            throw new InvalidDataException($"Saved ELR-GNN network does not match: saved {config}; expected {expected}.");

        // Building initialises weights from the global generator; keep the caller's random stream untouched.
        using var rng = torch.random.get_rng_state();
        var network = new ElrGnnNetwork(config);
        torch.random.set_rng_state(rng);
        try
        {
            network.load(reader, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            network.Dispose();
            throw new InvalidDataException($"Saved ELR-GNN weights do not fit the network described by their header ({config}): {e.Message}", e);
        }
        if (device is not null && device.type != DeviceType.CPU)
            network.to(device);
        network.eval();
        return network;
    }
}
