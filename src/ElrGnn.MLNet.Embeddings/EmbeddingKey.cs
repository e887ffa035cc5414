using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ElrGnn.MLNet.Features;

/// <summary>SHA-256 of (model id, '\n', text) in UTF-8: the identity of one cached embedding.</summary>
internal readonly record struct EmbeddingKey(UInt128 High, UInt128 Low)
{
    /// <summary>Size of the key in bytes: 32.</summary>
    public const int Size = 32;

    /// <summary>Hashes <paramref name="modelId"/> and <paramref name="text"/>; the text is taken as given (normalise first).</summary>
    public static EmbeddingKey Compute(string modelId, string text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(modelId.Length + 1 + text.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var n = Encoding.UTF8.GetBytes(modelId, rented);
            rented[n++] = (byte)'\n';
            n += Encoding.UTF8.GetBytes(text, 0, text.Length, rented, n);
            Span<byte> hash = stackalloc byte[Size];
            SHA256.HashData(rented.AsSpan(0, n), hash);
            return Read(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Reads a key from its 32-byte form.</summary>
    public static EmbeddingKey Read(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt128BigEndian(bytes), BinaryPrimitives.ReadUInt128BigEndian(bytes[16..]));

    /// <summary>Writes the 32-byte form (the SHA-256 bytes in order).</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt128BigEndian(destination, High);
        BinaryPrimitives.WriteUInt128BigEndian(destination[16..], Low);
    }
}
