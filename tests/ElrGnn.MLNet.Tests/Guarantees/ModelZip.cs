using System.IO.Compression;
using System.Security.Cryptography;

namespace ElrGnn.MLNet.Tests.Guarantees;

/// <summary>Edits copies of a saved model zip the way a hostile or damaged file would differ from a good one.</summary>
internal static class ModelZip
{
    /// <summary>Path of the ELR-GNN network entry inside the guarantee model's zip.</summary>
    public const string NetworkEntry = "TransformerChain/Transform_002/ElrGnnNetwork";

    /// <summary>Main stream of the ELR-GNN transformer; it records the network entry's length and SHA-256.</summary>
    public const string NetworkRecordEntry = "TransformerChain/Transform_002/Model.key";

    /// <summary>A copy of <paramref name="path"/> in a fresh folder.</summary>
    public static string Copy(string path)
    {
        var copy = Path.Combine(TestPaths.NewTempDir(), Path.GetFileName(path));
        File.Copy(path, copy);
        return copy;
    }

    public static byte[] Read(string zipPath, string entryName)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        using var stream = (zip.GetEntry(entryName) ?? throw new AssertFailedException($"no entry {entryName}")).Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Replaces (or adds) an entry; <paramref name="write"/> streams its content.</summary>
    public static void Write(string zipPath, string entryName, Action<Stream> write)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        zip.GetEntry(entryName)?.Delete();
        using var stream = zip.CreateEntry(entryName, CompressionLevel.Fastest).Open();
        write(stream);
    }

    /// <summary>
    /// Replaces the network entry and rewrites its record (length, hash) in the transformer's main stream, so the
    /// integrity check passes and the content itself must be judged: what a deliberately crafted file does.
    /// </summary>
    public static void ReplaceNetworkWithMatchingRecord(string zipPath, byte[] network, long? claimedLength = null)
    {
        var oldHash = SHA256.HashData(Read(zipPath, NetworkEntry));
        var record = Read(zipPath, NetworkRecordEntry);
        int at = record.AsSpan().IndexOf(oldHash);
        Assert.IsGreaterThanOrEqualTo(8, at, "the record of the network entry was not found");
        BitConverter.TryWriteBytes(record.AsSpan(at - 8), claimedLength ?? network.LongLength);
        SHA256.HashData(network).CopyTo(record, at);
        Write(zipPath, NetworkRecordEntry, s => s.Write(record));
        Write(zipPath, NetworkEntry, s => s.Write(network));
    }
}
