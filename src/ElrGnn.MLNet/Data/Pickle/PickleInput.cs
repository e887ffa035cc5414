using System.Buffers.Binary;

namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// Bounds-checked cursor over an in-memory pickle. Every read checks the length it needs against the
/// bytes left <em>before</em> touching or allocating anything, and reports truncation with the offset.
/// </summary>
internal sealed class PickleInput
{
    private readonly byte[] _data;
    private readonly int _length;

    public PickleInput(byte[] data, int length)
    {
        _data = data;
        _length = length;
    }

    /// <summary>Offset of the next unread byte.</summary>
    public int Position { get; private set; }

    /// <summary>Bytes left after <see cref="Position"/>.</summary>
    public int Remaining => _length - Position;

    public byte ReadByte(string what)
    {
        if (Position >= _length)
            throw Truncated(what, 1);
        return _data[Position++];
    }

    /// <summary>Reads <paramref name="count"/> bytes; <paramref name="count"/> may be any claimed length.</summary>
    public ReadOnlySpan<byte> ReadBytes(long count, string what)
    {
        if (count < 0)
            throw new PickleFormatException($"negative length {count} for {what}.", Position);
        if (count > Remaining)
            throw Truncated(what, count);
        var span = new ReadOnlySpan<byte>(_data, Position, (int)count);
        Position += (int)count;
        return span;
    }

    public ushort ReadUInt16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2, what));

    public int ReadInt32(string what) => BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4, what));

    public uint ReadUInt32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4, what));

    public ulong ReadUInt64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8, what));

    public double ReadDoubleBigEndian(string what) => BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8, what));

    /// <summary>Reads a length prefix of <paramref name="prefixBytes"/> (1, 4 or 8) bytes, then that many bytes.</summary>
    public ReadOnlySpan<byte> ReadCounted(int prefixBytes, string what)
    {
        int at = Position;
        ulong count = prefixBytes switch
        {
            1 => ReadByte(what + " length"),
            4 => ReadUInt32(what + " length"),
            _ => ReadUInt64(what + " length"),
        };
        if (count > (ulong)Remaining)
            throw new PickleFormatException(
                $"{what} claims {count} bytes but only {Remaining} bytes are left in the file (truncated or corrupt).", at);
        return ReadBytes((long)count, what);
    }

    /// <summary>Reads up to and including the next '\n'; returns the line without it.</summary>
    public ReadOnlySpan<byte> ReadLine(string what)
    {
        int end = Array.IndexOf(_data, (byte)'\n', Position, Remaining);
        if (end < 0)
            throw new PickleFormatException($"truncated: {what} has no terminating newline before the end of the file at offset {_length}.", Position);
        var line = new ReadOnlySpan<byte>(_data, Position, end - Position);
        Position = end + 1;
        return line;
    }

    private PickleFormatException Truncated(string what, long needed) =>
        new($"truncated: {what} needs {needed} byte(s) but the file ends at offset {_length}.", Position);
}
