using System.Text;
using ElrGnn.MLNet.Modules;
using TorchSharp;
using TorchSharp.Modules;

namespace ElrGnn.MLNet.Training;

/// <summary>
/// Reads and writes the training checkpoint <c>elrgnn-checkpoint.bin</c> in a folder. Writes go to a temporary file
/// that is flushed to disk and then renamed over the old one, so a crash never leaves a half-written checkpoint.
/// </summary>
/// <remarks>
/// <code>
/// *** Checkpoint format, version 1 (BinaryWriter, little-endian) ***
/// bytes[8]  magic "ELRGNNck"
/// int32     format version (1)
/// string    fingerprint (options, seed, data summary)
/// int32     epochs completed
/// bool      stopped early
/// int32     best epoch (1-based, 0 = none)
/// double    best validation weighted F1 (−1 = none)
/// int32     epochs without improvement
/// int32     history count H; H × (int32 epoch, int32 max epochs, double loss, bool has validation,
///           double weighted F1, double accuracy, double seconds, bool is best, double train seconds)
/// ...       NetworkConfig header of the live network
/// ...       live weights (NetworkState snapshot; device-independent)
/// ...       optimizer state (TorchSharp save_state_dict: Adam step counts and both moment tensors)
/// bool      has best weights; if so a NetworkState snapshot
/// </code>
/// </remarks>
internal static class CheckpointStore
{
    /// <summary>File name of the checkpoint inside the checkpoint folder.</summary>
    public const string FileName = "elrgnn-checkpoint.bin";

    private const int FormatVersion = 2; // 2: history entries carry the optimisation-only seconds
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("ELRGNNck");

    /// <summary>True when the folder holds a checkpoint.</summary>
    /// <param name="directory">Checkpoint folder.</param>
    /// <returns>Whether a checkpoint file exists.</returns>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>Writes the checkpoint atomically (temporary file, flush, rename).</summary>
    /// <param name="directory">Checkpoint folder (created when missing).</param>
    /// <param name="state">Loop bookkeeping and best weights.</param>
    /// <param name="network">Live network.</param>
    /// <param name="optimizer">Live optimizer.</param>
    public static void Save(string directory, CheckpointState state, ElrGnnNetwork network, OptimizerHelper optimizer)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(state.Fingerprint);
                writer.Write(state.EpochsCompleted);
                writer.Write(state.StoppedEarly);
                writer.Write(state.BestEpoch);
                writer.Write(state.BestScore);
                writer.Write(state.EpochsWithoutImprovement);
                writer.Write(state.History.Count);
                foreach (var h in state.History)
                {
                    writer.Write(h.Epoch);
                    writer.Write(h.MaxEpochs);
                    writer.Write(h.TrainLoss);
                    writer.Write(h.ValidationWeightedF1.HasValue);
                    writer.Write(h.ValidationWeightedF1 ?? 0);
                    writer.Write(h.ValidationAccuracy ?? 0);
                    writer.Write(h.Seconds);
                    writer.Write(h.IsBest);
                    writer.Write(h.TrainSeconds);
                }
                network.Config.Write(writer);
                using (var live = new Snapshot(NetworkState.CopyToCpu(network)))
                    NetworkState.Write(writer, live.State);
                optimizer.save_state_dict(writer);
                writer.Write(state.BestWeights is not null);
                if (state.BestWeights is not null)
                    NetworkState.Write(writer, state.BestWeights);
            }
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads the checkpoint into the live network and optimizer and returns the loop bookkeeping.</summary>
    /// <param name="directory">Checkpoint folder.</param>
    /// <param name="fingerprint">The current run's fingerprint; must equal the saved one.</param>
    /// <param name="network">Live network, built with the same configuration.</param>
    /// <param name="optimizer">Live optimizer over the network's parameters.</param>
    /// <returns>The saved bookkeeping (owns the best-weights snapshot).</returns>
    /// <exception cref="InvalidOperationException">The checkpoint belongs to a run with other options, seed or data.</exception>
    /// <exception cref="InvalidDataException">The file is not a checkpoint or is damaged (e.g. truncated); the message names it.</exception>
    public static CheckpointState Load(string directory, string fingerprint, ElrGnnNetwork network, OptimizerHelper optimizer)
    {
        string path = Path.Combine(directory, FileName);
        try
        {
            return Read(path, directory, fingerprint, network, optimizer);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or (IOException and not FileNotFoundException))
        {
            // Saves are atomic, so a damaged file was truncated or altered outside the trainer: say so, never resume from it.
            throw new InvalidDataException($"The checkpoint {path} is damaged (truncated or altered): {e.Message} Delete it to start over.", e);
        }
    }

    private static CheckpointState Read(string path, string directory, string fingerprint, ElrGnnNetwork network, OptimizerHelper optimizer)
    {
        using var file = new MemoryStream(File.ReadAllBytes(path));
        using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException($"{path} is not an ELR-GNN checkpoint.");
        int version = reader.ReadInt32();
        if (version != FormatVersion)
            throw new InvalidDataException($"{path} has checkpoint format version {version}; this library reads version {FormatVersion}.");
        string saved = reader.ReadString();
        if (saved != fingerprint)
            throw new InvalidOperationException(
                $"The checkpoint in {directory} was written by a run with other options, seed or data; delete it or set ResumeFromCheckpoint = false. " +
                $"Saved: {saved}. Current: {fingerprint}.");

        var state = new CheckpointState(saved)
        {
            EpochsCompleted = reader.ReadInt32(),
            StoppedEarly = reader.ReadBoolean(),
            BestEpoch = reader.ReadInt32(),
            BestScore = reader.ReadDouble(),
            EpochsWithoutImprovement = reader.ReadInt32(),
        };
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            int epoch = reader.ReadInt32(), max = reader.ReadInt32();
            double loss = reader.ReadDouble();
            bool hasValidation = reader.ReadBoolean();
            double f1 = reader.ReadDouble(), accuracy = reader.ReadDouble(), seconds = reader.ReadDouble();
            bool best = reader.ReadBoolean();
            double trainSeconds = reader.ReadDouble();
            state.History.Add(new TrainingProgress(epoch, max, loss, hasValidation ? f1 : null, hasValidation ? accuracy : null, seconds, best, trainSeconds));
        }

        var config = NetworkConfig.Read(reader);
        if (!config.Equals(network.Config))
            throw new InvalidOperationException($"The checkpoint in {directory} holds a network with {config}; this run builds {network.Config}.");
        using (var live = new Snapshot(NetworkState.Read(reader)))
            NetworkState.Restore(network, live.State);
        optimizer.load_state_dict(reader);
        if (reader.ReadBoolean())
            state.ReplaceBest(NetworkState.Read(reader));
        return state;
    }

    /// <summary>Disposes a weight snapshot at the end of a using block.</summary>
    private sealed class Snapshot(Dictionary<string, torch.Tensor> state) : IDisposable
    {
        public Dictionary<string, torch.Tensor> State { get; } = state;

        public void Dispose() => NetworkState.DisposeAll(State);
    }
}
