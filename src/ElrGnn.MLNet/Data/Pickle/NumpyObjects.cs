using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// Interprets numpy's pickle layouts without numpy: <c>_reconstruct</c> + BUILD for arrays,
/// <c>dtype(name, align, copy)</c> + BUILD for dtypes, <c>scalar(dtype, bytes)</c> and (protocol 5)
/// <c>_frombuffer(buffer, dtype, shape, order)</c>. Each argument layout is checked exactly.
/// </summary>
internal static class NumpyObjects
{
    /// <summary><c>_reconstruct(numpy.ndarray, (0,), b'b')</c> → an empty array that BUILD fills.</summary>
    public static NumpyArray Reconstruct(object?[] args, long offset)
    {
        if (args.Length != 3 || args[0] is not PickleGlobal { Kind: PickleGlobalKind.NumpyNdarray })
            throw new PickleFormatException("numpy _reconstruct expects (numpy.ndarray, shape, typecode).", offset);
        if (args[1] is not object?[] shape || shape.Any(d => d is not long))
            throw new PickleFormatException("numpy _reconstruct's shape argument must be a tuple of ints.", offset);
        PickleValues.Bytes(args[2], "numpy _reconstruct's typecode", offset);
        return new NumpyArray();
    }

    /// <summary>BUILD of an array: state (version, shape, dtype, fortran, data) or the older 4-tuple.</summary>
    public static void SetArrayState(NumpyArray array, object? state, long offset)
    {
        if (array.IsInitialized)
            throw new PickleFormatException("numpy array state is set twice.", offset);
        if (state is not object?[] t || t.Length is not (4 or 5))
            throw new PickleFormatException($"numpy array state must be a 4- or 5-tuple, got {PickleValues.Describe(state)}.", offset);
        int i = t.Length - 4;
        if (i == 1 && PickleValues.Int(t[0], "numpy array state version", offset) != 1)
            throw new PickleFormatException("numpy array state version must be 1.", offset);
        int[] shape = Shape(t[i], offset);
        var dtype = t[i + 1] as NumpyDtype
            ?? throw new PickleFormatException($"numpy array dtype must be a numpy.dtype, got {PickleValues.Describe(t[i + 1])}.", offset);
        bool fortran = PickleValues.Bool(t[i + 2], "numpy array Fortran flag", offset);
        if (t[i + 3] is List<object?>)
            throw new PickleFormatException("numpy object arrays are not supported.", offset);
        byte[] data = PickleValues.Bytes(t[i + 3], "numpy array data", offset);
        Fill(array, shape, dtype, fortran, data, offset);
    }

    /// <summary><c>numpy.dtype(name, align, copy)</c>.</summary>
    public static NumpyDtype CreateDtype(object?[] args, long offset)
    {
        if (args.Length != 3)
            throw new PickleFormatException("numpy.dtype expects (name, align, copy).", offset);
        PickleValues.Bool(args[1], "numpy.dtype align", offset);
        PickleValues.Bool(args[2], "numpy.dtype copy", offset);
        return NumpyDtype.Parse(PickleValues.Str(args[0], "numpy.dtype name", offset), offset);
    }

    /// <summary>BUILD of a dtype: (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata]).</summary>
    public static void SetDtypeState(NumpyDtype dtype, object? state, long offset)
    {
        if (dtype.HasState)
            throw new PickleFormatException("numpy dtype state is set twice.", offset);
        if (state is not object?[] t || t.Length is not (8 or 9))
            throw new PickleFormatException($"numpy dtype state must be an 8- or 9-tuple, got {PickleValues.Describe(state)}.", offset);
        if (t[2] is not null || t[3] is not null || t[4] is not null)
            throw new PickleFormatException("structured or sub-array numpy dtypes are not supported.", offset);
        char order = PickleValues.Str(t[1], "numpy dtype byte order", offset) switch
        {
            "<" or "=" => '<', // '=' is the writer's native order; numpy pickles multi-byte types as '<' or '>'
            ">" => '>',
            "|" => '|',
            var s => throw new PickleFormatException($"numpy dtype byte order '{NumpyDtype.Truncate(s)}' is not valid.", offset),
        };
        dtype.ByteOrder = dtype.ItemSize == 1 ? '|' : order;
        dtype.HasState = true;
    }

    /// <summary><c>numpy.core.multiarray.scalar(dtype, bytes)</c> → bool, long or double.</summary>
    public static object Scalar(object?[] args, long offset)
    {
        if (args.Length != 2 || args[0] is not NumpyDtype dtype)
            throw new PickleFormatException("numpy scalar expects (dtype, bytes).", offset);
        byte[] raw = PickleValues.Bytes(args[1], "numpy scalar data", offset);
        if (raw.Length != dtype.ItemSize)
            throw new PickleFormatException($"numpy scalar of dtype {dtype.Str} needs {dtype.ItemSize} bytes, got {raw.Length}.", offset);
        if (dtype.ByteOrder == '>')
            Array.Reverse(raw); // raw is ours: a fresh copy from Latin-1 text, or a bytes object referenced only here
        ulong bits = 0;
        for (int k = raw.Length - 1; k >= 0; k--)
            bits = (bits << 8) | raw[k];
        return dtype.Kind switch
        {
            'b' => bits != 0,
            'f' when dtype.ItemSize == 2 => (double)BitConverter.UInt16BitsToHalf((ushort)bits),
            'f' when dtype.ItemSize == 4 => (double)BitConverter.UInt32BitsToSingle((uint)bits),
            'f' => BitConverter.UInt64BitsToDouble(bits),
            'i' => SignExtend(bits, dtype.ItemSize),
            _ when bits > long.MaxValue => throw new PickleFormatException("numpy uint64 scalar does not fit in 64-bit signed.", offset),
            _ => (long)bits,
        };
    }

    /// <summary>Protocol 5: <c>_frombuffer(buffer, dtype, shape, order)</c>.</summary>
    public static NumpyArray FromBuffer(object?[] args, long offset)
    {
        if (args.Length != 4 || args[1] is not NumpyDtype dtype)
            throw new PickleFormatException("numpy _frombuffer expects (buffer, dtype, shape, order).", offset);
        byte[] data = PickleValues.Bytes(args[0], "numpy _frombuffer buffer", offset);
        int[] shape = Shape(args[2], offset);
        bool fortran = PickleValues.Str(args[3], "numpy _frombuffer order", offset) switch
        {
            "C" => false,
            "F" => true,
            _ => throw new PickleFormatException("numpy _frombuffer order must be 'C' or 'F'.", offset),
        };
        var array = new NumpyArray();
        Fill(array, shape, dtype, fortran, data, offset);
        return array;
    }

    private static void Fill(NumpyArray array, int[] shape, NumpyDtype dtype, bool fortran, byte[] data, long offset)
    {
        if (dtype.Kind != 'f' || dtype.ItemSize is not (4 or 8))
            throw new PickleFormatException($"numpy arrays of dtype {dtype.Str} are not supported (only float32 / float64).", offset);
        long count = 1;
        foreach (int d in shape)
            count = d == 0 ? 0 : count > long.MaxValue / 16 / d ? long.MaxValue / 16 : count * d; // saturates: too big is a mismatch anyway
        // Checked against the bytes the file really holds, so a claimed 10^12-element shape fails here.
        if (count * dtype.ItemSize != data.Length)
            throw new PickleFormatException(
                $"numpy array shape ({string.Join(", ", shape)}) of {dtype.Str} needs {count * dtype.ItemSize} bytes but the data has {data.Length}.", offset);
        if (fortran && shape.Count(d => d > 1) > 1)
            throw new PickleFormatException("Fortran-ordered multi-dimensional numpy arrays are not supported.", offset);
        bool swap = dtype.ByteOrder == '>' == BitConverter.IsLittleEndian;
        if (dtype.ItemSize == 4)
        {
            var values = MemoryMarshal.Cast<byte, float>(data).ToArray();
            if (swap)
                for (int k = 0; k < values.Length; k++)
                    values[k] = BitConverter.UInt32BitsToSingle(BinaryPrimitives.ReverseEndianness(BitConverter.SingleToUInt32Bits(values[k])));
            array.SetValues(shape, dtype.Str, values, null);
        }
        else
        {
            var values = MemoryMarshal.Cast<byte, double>(data).ToArray();
            if (swap)
                for (int k = 0; k < values.Length; k++)
                    values[k] = BitConverter.UInt64BitsToDouble(BinaryPrimitives.ReverseEndianness(BitConverter.DoubleToUInt64Bits(values[k])));
            array.SetValues(shape, dtype.Str, null, values);
        }
    }

    private static int[] Shape(object? value, long offset)
    {
        if (value is not object?[] dims || dims.Length > 32)
            throw new PickleFormatException($"numpy shape must be a tuple of at most 32 ints, got {PickleValues.Describe(value)}.", offset);
        var shape = new int[dims.Length];
        for (int k = 0; k < dims.Length; k++)
        {
            long d = PickleValues.Int(dims[k], "numpy shape dimension", offset);
            if (d < 0 || d > int.MaxValue)
                throw new PickleFormatException($"numpy shape dimension {d} is out of range.", offset);
            shape[k] = (int)d;
        }
        return shape;
    }

    private static long SignExtend(ulong bits, int size) =>
        size == 8 ? unchecked((long)bits) : unchecked((long)(bits << (64 - 8 * size)) >> (64 - 8 * size));
}
