using System.Security.Cryptography;

namespace ElrGnn.MLNet.Persistence;

/// <summary>
/// Reads one component back from ML.NET's model zip, mirroring <see cref="ModelWriter"/>: the header and version
/// are checked on open, binary entries are length- and hash-checked before the component parses them.
/// </summary>
internal sealed class ModelReader
{
    private readonly object _ctx;

    private ModelReader(object ctx, ModelFormat format, BinaryReader reader, uint versionWritten)
    {
        _ctx = ctx;
        Format = format;
        Reader = reader;
        VersionWritten = versionWritten;
    }

    /// <summary>
    /// Largest binary entry a model may hold (1 GiB; an ELR-GNN network for IEMOCAP-size features is tens of MB). The
    /// recorded length comes from the file, so it is checked against this before anything is read.
    /// </summary>
    public const long MaxStreamBytes = 1L << 30;

    /// <summary>The component's current format.</summary>
    public ModelFormat Format { get; }

    /// <summary>The main stream; read the component's fields in the documented order, to the end.</summary>
    public BinaryReader Reader { get; }

    /// <summary>The format version the file was written with, in [VersionWeCanReadBack, Version].</summary>
    public uint VersionWritten { get; }

    /// <summary>
    /// Opens ML.NET's load context (passed as object because its type is internal) for <paramref name="format"/>:
    /// checks the header's signature and version range, then reads the format version.
    /// </summary>
    /// <exception cref="FormatException">The header does not match (ML.NET's message says how).</exception>
    /// <exception cref="InvalidDataException">The recorded format version is out of range.</exception>
    public static ModelReader Open(object ctx, ModelFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        MlNetInternals.CheckAtModel(ctx, format.ModelSignature, format.Version, format.VersionReadable,
            format.VersionWeCanReadBack, format.LoaderSignature);
        var reader = MlNetInternals.GetReader(ctx);
        var version = reader.ReadUInt32();
        if (version < format.VersionWeCanReadBack || version > format.Version)
            throw new InvalidDataException(
                $"format version 0x{version:X8} is outside the readable range [0x{format.VersionWeCanReadBack:X8}, 0x{format.Version:X8}]");
        return new ModelReader(ctx, format, reader, version);
    }

    /// <summary>
    /// Reads a binary entry written by <see cref="ModelWriter.WriteStream"/>. Reads its recorded length and hash
    /// from the main stream, checks the entry against them, then lets <paramref name="read"/> parse it; the
    /// parser must consume the whole entry.
    /// </summary>
    /// <exception cref="InvalidDataException">The entry is missing, larger than <see cref="MaxStreamBytes"/>, truncated, altered or not fully consumed.</exception>
    public void ReadStream(string name, Action<BinaryReader> read)
    {
        ModelWriter.CheckStreamName(name);
        ArgumentNullException.ThrowIfNull(read);
        var length = Reader.ReadInt64();
        var hash = Reader.ReadBytes(SHA256.HashSizeInBytes);
        if (length < 0 || hash.Length != SHA256.HashSizeInBytes)
            throw new InvalidDataException($"the record of binary entry '{name}' is damaged");
        if (length > MaxStreamBytes)
            throw new InvalidDataException($"binary entry '{name}' claims {length:N0} bytes, more than the {MaxStreamBytes:N0} a model entry may hold");

        byte[]? bytes = null;
        if (!MlNetInternals.TryLoadBinaryStream(_ctx, name, r => bytes = ReadAll(r.BaseStream, length)))
            throw new InvalidDataException($"binary entry '{name}' is missing");
        if (bytes!.Length != length)
            throw new InvalidDataException($"binary entry '{name}' has {bytes.Length} bytes, expected {length} (truncated?)");
        if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(hash))
            throw new InvalidDataException($"binary entry '{name}' does not match its recorded hash");

        using var stream = new MemoryStream(bytes, writable: false);
        using (var br = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            read(br);
        if (stream.Position != stream.Length)
            throw new InvalidDataException($"binary entry '{name}' has {stream.Length - stream.Position} unread bytes");
    }

    // Reads at most expected + 1 bytes, so a longer entry is detected without reading it all.
    private static byte[] ReadAll(Stream source, long expected)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while (copy.Length <= expected && (n = source.Read(buffer, 0, (int)Math.Min(buffer.Length, expected + 1 - copy.Length))) > 0)
            copy.Write(buffer, 0, n);
        return copy.ToArray();
    }
}
