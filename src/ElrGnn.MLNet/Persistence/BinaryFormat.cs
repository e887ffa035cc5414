using System.Runtime.InteropServices;

namespace ElrGnn.MLNet.Persistence;

/// <summary>
/// Length-prefixed arrays and range-checked integers for component formats. Readers validate every
/// length against the bytes left, so a damaged file fails with <see cref="InvalidDataException"/>
/// instead of a huge allocation.
/// </summary>
internal static class BinaryFormat
{
    /// <summary>Writes int count, then the floats (little-endian).</summary>
    public static void WriteSingleArray(this BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Reads an array written by <see cref="WriteSingleArray"/>; <paramref name="expectedLength"/> checks its count.</summary>
    public static float[] ReadSingleArray(this BinaryReader reader, string field, int? expectedLength = null)
    {
        var count = reader.ReadCount(field, sizeof(float), expectedLength);
        var values = new float[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.BaseStream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
            throw new InvalidDataException($"'{field}' ends early");
        return values;
    }

    /// <summary>Writes int count, then each string (length-prefixed UTF-8); null strings are not allowed.</summary>
    public static void WriteStringArray(this BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
            writer.Write(value ?? throw new ArgumentException("Null strings cannot be saved.", nameof(values)));
    }

    /// <summary>Reads an array written by <see cref="WriteStringArray"/>; <paramref name="expectedLength"/> checks its count.</summary>
    public static string[] ReadStringArray(this BinaryReader reader, string field, int? expectedLength = null)
    {
        var count = reader.ReadCount(field, 1, expectedLength);
        var values = new string[count];
        for (var i = 0; i < count; i++)
            values[i] = reader.ReadString();
        return values;
    }

    /// <summary>Reads an int and checks it lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int ReadInt32InRange(this BinaryReader reader, string field, int min, int max)
    {
        var value = reader.ReadInt32();
        if (value < min || value > max)
            throw new InvalidDataException($"'{field}' is {value}, expected {min}..{max}");
        return value;
    }

    // A count that cannot exceed the bytes left (each item takes at least minItemBytes).
    private static int ReadCount(this BinaryReader reader, string field, int minItemBytes, int? expected)
    {
        var count = reader.ReadInt32();
        var stream = reader.BaseStream;
        var left = stream.CanSeek ? stream.Length - stream.Position : long.MaxValue;
        if (count < 0 || (long)count * minItemBytes > left)
            throw new InvalidDataException($"'{field}' has an impossible length {count}");
        if (expected is { } e && count != e)
            throw new InvalidDataException($"'{field}' has {count} items, expected {e}");
        return count;
    }
}
