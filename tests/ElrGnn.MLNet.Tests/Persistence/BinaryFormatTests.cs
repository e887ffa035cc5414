using ElrGnn.MLNet.Persistence;

namespace ElrGnn.MLNet.Tests.Persistence;

[TestClass]
public sealed class BinaryFormatTests
{
    [TestMethod]
    public void Arrays_RoundTrip()
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.WriteSingleArray([1.5f, -2f, float.NaN]);
            writer.WriteStringArray(["joy", "", "anger"]);
        }
        stream.Position = 0;
        using var reader = new BinaryReader(stream);

        CollectionAssert.AreEqual(new[] { 1.5f, -2f, float.NaN }, reader.ReadSingleArray("values", 3));
        CollectionAssert.AreEqual(new[] { "joy", "", "anger" }, reader.ReadStringArray("names"));
    }

    [TestMethod]
    public void ReadSingleArray_WithLengthBeyondTheData_ThrowsBeforeAllocating()
    {
        using var reader = Reader(w => { w.Write(int.MaxValue); w.Write(1f); });

        var ex = Assert.ThrowsExactly<InvalidDataException>(() => reader.ReadSingleArray("weights"));
        StringAssert.Contains(ex.Message, "'weights' has an impossible length");
    }

    [TestMethod]
    public void ReadStringArray_WithUnexpectedCount_Throws()
    {
        using var reader = Reader(w => w.WriteStringArray(["a", "b"]));

        var ex = Assert.ThrowsExactly<InvalidDataException>(() => reader.ReadStringArray("class names", expectedLength: 3));
        StringAssert.Contains(ex.Message, "expected 3");
    }

    [TestMethod]
    public void ReadInt32InRange_OutsideTheRange_Throws()
    {
        using var reader = Reader(w => w.Write(-1));

        Assert.ThrowsExactly<InvalidDataException>(() => reader.ReadInt32InRange("classes", 1, 10));
    }

    private static BinaryReader Reader(Action<BinaryWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            write(writer);
        stream.Position = 0;
        return new BinaryReader(stream);
    }
}
