using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ElrGnn.MLNet.Features;

/// <summary>
/// Reads and appends the on-disk embedding cache: one append-only file per model.
/// </summary>
/// <remarks>
/// <code>
/// *** Binary format (little-endian) ***
/// header, 32 bytes:
///   8   magic "ELREMBC1" (ASCII)
///   4   int32 format version (1)
///   4   int32 dimension D
///   16  first 16 bytes of SHA-256(UTF-8 model id)
/// records, each 32 + 4·D + 8 bytes, fixed size so one damaged record never shifts the others:
///   32  key: SHA-256(model id + '\n' + text), see EmbeddingKey
///   4·D float32 values
///   8   checksum: first 8 bytes of SHA-256(key bytes ‖ value bytes)
/// </code>
/// A record whose checksum fails is skipped (and recomputed by the caller); a trailing partial record,
/// left by a crashed writer, is ignored and cut off by the next writer. A bad header makes the whole file
/// count as empty; the next writer starts it afresh. Writers in any process serialise on an exclusive
/// lock of "file.lock", so records never interleave.
/// </remarks>
internal static class EmbeddingCacheFile
{
    /// <summary>Format version written in the header; readers skip files with another version.</summary>
    public const int FormatVersion = 1;

    /// <summary>Header size in bytes.</summary>
    public const int HeaderSize = 32;

    private const int ChecksumSize = 8;
    private static readonly byte[] Magic = "ELREMBC1"u8.ToArray();
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Size of one record for vectors of <paramref name="dimension"/> floats.</summary>
    public static int RecordSize(int dimension) => EmbeddingKey.Size + 4 * dimension + ChecksumSize;

    /// <summary>
    /// Reads every valid record of <paramref name="path"/> into <paramref name="into"/> (the first valid record of a key wins).
    /// </summary>
    /// <returns>The number of records skipped because their checksum failed (0 for a missing file).</returns>
    public static int Read(string path, string modelId, int dimension, IDictionary<EmbeddingKey, float[]> into)
    {
        if (!File.Exists(path))
            return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        var header = new byte[HeaderSize];
        if (stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize
            || !header.AsSpan().SequenceEqual(BuildHeader(modelId, dimension)))
            return 0;

        var record = new byte[RecordSize(dimension)];
        var skipped = 0;
        while (stream.ReadAtLeast(record, record.Length, throwOnEndOfStream: false) == record.Length)
        {
            if (TryDecode(record, dimension, out var key, out var vector))
                into.TryAdd(key, vector);
            else
                skipped++;
        }
        return skipped;
    }

    /// <summary>Appends <paramref name="records"/> under the cross-process lock, repairing a bad header or partial tail first.</summary>
    /// <exception cref="IOException">The file or its lock could not be written (including a lock timeout of 30 s).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public static void Append(string path, string modelId, int dimension, IReadOnlyList<KeyValuePair<EmbeddingKey, float[]>> records)
    {
        if (records.Count == 0)
            return;
        var recordSize = RecordSize(dimension);
        var buffer = new byte[records.Count * recordSize];
        for (var i = 0; i < records.Count; i++)
            Encode(records[i].Key, records[i].Value, buffer.AsSpan(i * recordSize, recordSize));

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var held = AcquireLock(path + ".lock");
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        var expected = BuildHeader(modelId, dimension);
        var header = new byte[HeaderSize];
        stream.Position = 0;
        if (stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize || !header.AsSpan().SequenceEqual(expected))
        {
            stream.SetLength(0);
            stream.Position = 0;
            stream.Write(expected);
        }
        // Cut a partial record left by a writer that died, so new records stay aligned.
        var aligned = HeaderSize + (stream.Length - HeaderSize) / recordSize * recordSize;
        if (stream.Length != aligned)
            stream.SetLength(aligned);
        stream.Position = aligned;
        stream.Write(buffer);
        stream.Flush();
    }

    private static byte[] BuildHeader(string modelId, int dimension)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), dimension);
        SHA256.HashData(Encoding.UTF8.GetBytes(modelId)).AsSpan(0, 16).CopyTo(header.AsSpan(16));
        return header;
    }

    private static void Encode(EmbeddingKey key, float[] vector, Span<byte> record)
    {
        key.Write(record);
        var values = record.Slice(EmbeddingKey.Size, 4 * vector.Length);
        for (var i = 0; i < vector.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(values[(4 * i)..], vector[i]);
        var payload = record[..^ChecksumSize];
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        hash[..ChecksumSize].CopyTo(record[^ChecksumSize..]);
    }

    private static bool TryDecode(ReadOnlySpan<byte> record, int dimension, out EmbeddingKey key, out float[] vector)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(record[..^ChecksumSize], hash);
        if (!hash[..ChecksumSize].SequenceEqual(record[^ChecksumSize..]))
        {
            key = default;
            vector = [];
            return false;
        }
        key = EmbeddingKey.Read(record);
        vector = new float[dimension];
        var values = record[EmbeddingKey.Size..];
        for (var i = 0; i < dimension; i++)
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(values[(4 * i)..]);
        return true;
    }

    // FileShare.None takes an exclusive advisory lock (flock on Unix) that other processes' opens respect.
    private static FileStream AcquireLock(string lockPath)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Random.Shared.Next(10, 50));
            }
        }
    }
}
