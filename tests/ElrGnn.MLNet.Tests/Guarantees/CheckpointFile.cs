using System.Text;
using ElrGnn.MLNet.Training;

namespace ElrGnn.MLNet.Tests.Guarantees;

/// <summary>Reads a training checkpoint's state without a live network, for bit-for-bit comparisons.</summary>
/// <param name="EpochsCompleted">Epochs the checkpoint holds.</param>
/// <param name="BestEpoch">The kept epoch.</param>
/// <param name="State">Network configuration, live weights, Adam state and best weights, as bytes.</param>
internal sealed record CheckpointFile(int EpochsCompleted, int BestEpoch, byte[] State)
{
    /// <summary>Size of one history record (epoch, max, loss, has validation, F1, accuracy, seconds, is best, train seconds).</summary>
    private const int HistoryRecordBytes = 4 + 4 + 8 + 1 + 8 + 8 + 8 + 1 + 8;

    public static CheckpointFile Read(string directory)
    {
        using var reader = new BinaryReader(File.OpenRead(Path.Combine(directory, CheckpointStore.FileName)), Encoding.UTF8);
        reader.ReadBytes(8 + 4);         // magic, version
        reader.ReadString();             // fingerprint
        int epochs = reader.ReadInt32();
        reader.ReadBoolean();            // stopped early
        int best = reader.ReadInt32();
        reader.ReadDouble();             // best validation F1
        reader.ReadInt32();              // epochs without improvement
        reader.BaseStream.Seek((long)reader.ReadInt32() * HistoryRecordBytes, SeekOrigin.Current); // history holds timings
        using var rest = new MemoryStream();
        reader.BaseStream.CopyTo(rest);
        return new CheckpointFile(epochs, best, rest.ToArray());
    }

    /// <summary>Waits until the folder holds a checkpoint with more than <paramref name="epochs"/> epochs.</summary>
    public static CheckpointFile WaitBeyond(string directory, int epochs, Func<bool> gaveUp)
    {
        while (!gaveUp())
        {
            try
            {
                if (File.Exists(Path.Combine(directory, CheckpointStore.FileName)) && Read(directory) is { } c && c.EpochsCompleted > epochs)
                    return c;
            }
            catch (IOException)
            {
                // replaced while we read it; try again
            }
            Thread.Sleep(20);
        }
        throw new AssertFailedException($"no checkpoint beyond epoch {epochs} appeared in {directory}");
    }
}
