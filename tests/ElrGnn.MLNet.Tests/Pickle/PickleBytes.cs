using System.Buffers.Binary;
using System.Text;

namespace ElrGnn.MLNet.Tests.Pickle;

/// <summary>Assembles pickle bytes opcode by opcode, for hand-made (and hostile) test inputs.</summary>
internal sealed class PickleBytes
{
    private readonly List<byte> _bytes = [];

    public int Length => _bytes.Count;

    public PickleBytes Op(char opcode) => Byte((byte)opcode);

    public PickleBytes Byte(byte value)
    {
        _bytes.Add(value);
        return this;
    }

    public PickleBytes Raw(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
            _bytes.Add(b);
        return this;
    }

    /// <summary>ASCII text as is (operands of protocol-0 opcodes; add the "\n" yourself).</summary>
    public PickleBytes Ascii(string text) => Raw(Encoding.Latin1.GetBytes(text));

    public PickleBytes Proto(byte version) => Byte(0x80).Byte(version);

    public PickleBytes UInt16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        return Raw(b);
    }

    public PickleBytes Int32(int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, value);
        return Raw(b);
    }

    public PickleBytes UInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return Raw(b);
    }

    public PickleBytes UInt64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        return Raw(b);
    }

    /// <summary>GLOBAL 'module\nname\n'.</summary>
    public PickleBytes Global(string module, string name) => Op('c').Ascii(module + "\n" + name + "\n");

    /// <summary>SHORT_BINUNICODE (UTF-8, under 256 bytes).</summary>
    public PickleBytes Str(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        return Byte(0x8c).Byte((byte)utf8.Length).Raw(utf8);
    }

    /// <summary>BINBYTES with a 4-byte length.</summary>
    public PickleBytes Bytes(byte[] data) => Op('B').UInt32((uint)data.Length).Raw(data);

    /// <summary>BININT (4-byte signed).</summary>
    public PickleBytes Int(int value) => Op('J').Int32(value);

    public PickleBytes Stop() => Op('.');

    /// <summary>
    /// A numpy 1-D array the way numpy ≥ 1 pickles it with protocol 3: _reconstruct + BUILD with a
    /// (version, shape, dtype, fortran, data) state; <paramref name="dtype"/> "f4" or "f8",
    /// <paramref name="order"/> "&lt;" or "&gt;".
    /// </summary>
    public PickleBytes NumpyVector(string dtype, string order, byte[] data, long claimedLength)
    {
        Global("numpy.core.multiarray", "_reconstruct").Global("numpy", "ndarray").Int(0).Byte(0x85).Bytes([(byte)'b']).Byte(0x87).Op('R');
        Op('(').Int(1).Op('L').Ascii(claimedLength + "L\n").Byte(0x85);
        Global("numpy", "dtype").Str(dtype).Byte(0x89).Byte(0x88).Byte(0x87).Op('R');
        Op('(').Int(3).Str(order).Op('N').Op('N').Op('N').Int(-1).Int(-1).Int(0).Op('t').Op('b');
        return Byte(0x89).Bytes(data).Op('t').Op('b');
    }

    public byte[] ToArray() => [.. _bytes];
}
