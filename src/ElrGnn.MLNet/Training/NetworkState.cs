using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Training;

/// <summary>
/// CPU snapshots of a network's weights (the training loop's "best epoch" copy) and their binary form inside
/// checkpoints.
/// </summary>
/// <remarks>
/// <code>
/// *** Binary format of a snapshot ***
/// int32      number of entries
/// per entry: string name (BinaryWriter), int32 rank, int64[rank] shape, float32[numel] values (little-endian)
/// </code>
/// </remarks>
internal static class NetworkState
{
    /// <summary>Detached CPU copies of every weight, keyed by state-dict name; outside any dispose scope.</summary>
    /// <param name="module">The network.</param>
    /// <returns>The snapshot; release it with <see cref="DisposeAll"/>.</returns>
    public static Dictionary<string, Tensor> CopyToCpu(nn.Module module)
    {
        var copy = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using var scope = torch.NewDisposeScope();   // disposes the detach/cpu intermediates
        using (torch.no_grad())
        {
            foreach (var (name, tensor) in module.state_dict())
                copy[name] = tensor.detach().cpu().clone().DetachFromDisposeScope();
        }
        return copy;
    }

    /// <summary>Copies a snapshot into a network's weights (any device).</summary>
    /// <param name="module">The network.</param>
    /// <param name="state">A snapshot of a network with the same configuration.</param>
    public static void Restore(nn.Module module, Dictionary<string, Tensor> state)
    {
        var (missing, unexpected) = module.load_state_dict(state, strict: true);
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new InvalidDataException($"Weight snapshot does not match the network: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}].");
    }

    /// <summary>Disposes every tensor of a snapshot (null is ignored).</summary>
    /// <param name="state">The snapshot.</param>
    public static void DisposeAll(Dictionary<string, Tensor>? state)
    {
        if (state is null)
            return;
        foreach (var tensor in state.Values)
            tensor.Dispose();
        state.Clear();
    }

    /// <summary>Writes a snapshot (format in the remarks).</summary>
    /// <param name="writer">Destination.</param>
    /// <param name="state">Snapshot of float32 CPU tensors.</param>
    public static void Write(BinaryWriter writer, IReadOnlyDictionary<string, Tensor> state)
    {
        writer.Write(state.Count);
        foreach (var (name, tensor) in state.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (tensor.dtype != ScalarType.Float32)
                throw new InvalidOperationException($"Weight '{name}' is {tensor.dtype}; snapshots hold float32 only.");
            writer.Write(name);
            writer.Write((int)tensor.dim());
            foreach (long size in tensor.shape)
                writer.Write(size);
            using var contiguous = tensor.contiguous();
            var values = contiguous.data<float>().ToArray();
            writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        }
    }

    /// <summary>Reads a snapshot written by <see cref="Write"/>.</summary>
    /// <param name="reader">Source.</param>
    /// <returns>The snapshot (CPU tensors outside any dispose scope).</returns>
    public static Dictionary<string, Tensor> Read(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0 || count > 100_000)
            throw new InvalidDataException($"Weight snapshot claims {count} entries.");
        var state = new Dictionary<string, Tensor>(count, StringComparer.Ordinal);
        try
        {
            for (int e = 0; e < count; e++)
            {
                string name = reader.ReadString();
                int rank = reader.ReadInt32();
                if (rank < 0 || rank > 8)
                    throw new InvalidDataException($"Weight '{name}' has rank {rank}.");
                var shape = new long[rank];
                long numel = 1;
                for (int k = 0; k < rank; k++)
                {
                    shape[k] = reader.ReadInt64();
                    if (shape[k] < 0 || shape[k] > int.MaxValue)
                        throw new InvalidDataException($"Weight '{name}' has dimension {shape[k]}.");
                    numel = checked(numel * shape[k]);
                }
                var values = new float[numel];
                var bytes = MemoryMarshal.AsBytes(values.AsSpan());
                if (reader.Read(bytes) != bytes.Length)
                    throw new EndOfStreamException($"Weight '{name}' is truncated.");
                state[name] = torch.tensor(values, shape).DetachFromDisposeScope();
            }
        }
        catch
        {
            DisposeAll(state);
            throw;
        }
        return state;
    }
}
