using System.Buffers.Binary;

namespace ElrGnn.MLNet.Tests.Cli;

/// <summary>Checks that a file is a PNG image and reads its size from the IHDR chunk.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts the PNG signature and an IHDR chunk first; returns width and height.</summary>
    public static (int Width, int Height) AssertValid(string path)
    {
        Assert.IsTrue(File.Exists(path), $"{path} is missing");
        var bytes = File.ReadAllBytes(path);
        Assert.IsGreaterThan(33, bytes.Length, $"{path} is too short for a PNG");
        CollectionAssert.AreEqual(Signature, bytes[..8], $"{path} has no PNG signature");
        Assert.AreEqual("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4), $"{path} does not start with IHDR");
        int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        int height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        Assert.IsGreaterThan(0, width);
        Assert.IsGreaterThan(0, height);
        Assert.AreEqual("IEND", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4), $"{path} is truncated (no IEND)");
        return (width, height);
    }
}
