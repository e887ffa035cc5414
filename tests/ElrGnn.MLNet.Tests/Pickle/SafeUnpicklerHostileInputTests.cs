using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Data.Pickle;

namespace ElrGnn.MLNet.Tests.Pickle;

/// <summary>Truncated, oversized, deeply nested and randomly corrupted input only ever yields the documented errors.</summary>
[TestClass]
public sealed class SafeUnpicklerHostileInputTests
{
    private static readonly SafeUnpickler Reader = new();

    [TestMethod]
    [DataRow(PickleSamples.Iemocap)]
    [DataRow(PickleSamples.IemocapPy2)]
    [DataRow(PickleSamples.Meld)]
    public void Load_TruncatedSample_ThrowsFormatWithOffsetAtEveryCut(string sample)
    {
        var bytes = PickleSamples.Bytes(sample);
        // Every cut in the first 2 KiB (all opcode kinds of the header), then every 97th byte.
        var cuts = Enumerable.Range(0, 2048).Concat(Enumerable.Range(0, bytes.Length / 97).Select(i => i * 97)).Append(bytes.Length - 1).Distinct();
        foreach (int cut in cuts)
        {
            var ex = Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(bytes[..cut]), $"cut at {cut}");
            Assert.IsTrue(ex.Offset >= 0 && ex.Offset <= cut, $"cut at {cut}: offset {ex.Offset}");
        }
    }

    [TestMethod]
    public void Load_TruncatedInsideOperand_ReportsTruncation()
    {
        var pickle = new PickleBytes().Proto(2).Op('X').UInt32(100).Ascii("only a few bytes").ToArray();

        var ex = Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));

        StringAssert.Contains(ex.Message, "BINUNICODE");
        Assert.AreEqual(3, ex.Offset); // the length prefix
    }

    [TestMethod]
    [DataRow(0x8e, 8)] // BINBYTES8
    [DataRow(0x8d, 8)] // BINUNICODE8
    [DataRow(0x96, 8)] // BYTEARRAY8
    [DataRow(0x42, 4)] // BINBYTES
    [DataRow(0x58, 4)] // BINUNICODE
    [DataRow(0x54, 4)] // BINSTRING
    public void Load_HugeClaimedLength_ThrowsFormatBeforeAllocating(int opcode, int prefix)
    {
        var builder = new PickleBytes().Proto(4).Byte((byte)opcode);
        if (prefix == 8) builder.UInt64(1_000_000_000_000UL);
        else builder.UInt32(0xFFFF_FFF0);
        var pickle = builder.Ascii("tiny").Stop().ToArray();

        var ex = Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));

        StringAssert.Contains(ex.Message, "bytes are left");
    }

    [TestMethod]
    public void Load_HugeFrame_ThrowsFormat()
    {
        var pickle = new PickleBytes().Proto(4).Byte(0x95).UInt64(ulong.MaxValue).Op('N').Stop().ToArray();

        Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));
    }

    [TestMethod]
    [DataRow(1_000_000_000_000L, "dimension 1000000000000 is out of range")]
    [DataRow(2_000_000_000L, "needs 8000000000 bytes but the data has 16")]
    public void Load_ArrayClaimingHugeShape_ThrowsFormatBeforeAllocating(long claimed, string expected)
    {
        var pickle = new PickleBytes().Proto(3).NumpyVector("f4", "<", new byte[16], claimed).Stop().ToArray();

        var ex = Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));

        StringAssert.Contains(ex.Message, expected);
    }

    [TestMethod]
    public void Load_ArrayWithConsistentShape_Succeeds()
    {
        // Guards the test above: the same builder with a matching shape is accepted.
        var data = new byte[16];
        BitConverter.TryWriteBytes(data.AsSpan(4), 2.5f);
        var pickle = new PickleBytes().Proto(3).NumpyVector("f4", "<", data, 4).Stop().ToArray();

        var array = (NumpyArray)Reader.Load(pickle)!;

        CollectionAssert.AreEqual(new[] { 0f, 2.5f, 0f, 0f }, array.Float32Values);
    }

    [TestMethod]
    public void Load_HundredThousandMarks_ThrowsFormatAtDepthLimit()
    {
        var builder = new PickleBytes().Proto(2);
        for (int i = 0; i < 100_000; i++)
            builder.Op('(');
        var pickle = builder.Op('N').Stop().ToArray();

        var ex = Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));

        StringAssert.Contains(ex.Message, "MaxNestingDepth");
        Assert.AreEqual(2 + 200, ex.Offset); // the 201st MARK
    }

    [TestMethod]
    public void Load_HundredThousandNestedLists_ThrowsFormatAtDepthLimit()
    {
        var builder = new PickleBytes().Proto(2);
        for (int i = 0; i < 100_000; i++)
            builder.Op(']');
        for (int i = 1; i < 100_000; i++)
            builder.Op('a');
        var pickle = builder.Stop().ToArray();

        var ex = Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));

        StringAssert.Contains(ex.Message, "nested deeper than 200");
    }

    [TestMethod]
    public void Load_NestingBuiltThroughMemo_ThrowsFormatAtDepthLimit()
    {
        // Lists are linked after they were inserted (parent first), which a stack-depth count cannot see.
        const int n = 5_000;
        var builder = new PickleBytes().Proto(2);
        for (int i = 0; i < n; i++)
            builder.Op(']').Op('r').UInt32((uint)i).Op('0');
        for (int i = 0; i < n - 1; i++)
            builder.Op('j').UInt32((uint)i).Op('j').UInt32((uint)(i + 1)).Op('a').Op('0');
        var pickle = builder.Op('j').UInt32(0).Stop().ToArray();

        var ex = Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));

        StringAssert.Contains(ex.Message, "nested deeper");
    }

    [TestMethod]
    public void Load_SelfContainingList_ThrowsFormatCycle()
    {
        var pickle = new PickleBytes().Proto(2).Op(']').Op('q').Byte(0).Op('h').Byte(0).Op('a').Stop().ToArray();

        var ex = Assert.ThrowsExactly<PickleFormatException>(() => Reader.Load(pickle));

        StringAssert.Contains(ex.Message, "cycle");
    }

    [TestMethod]
    public void Load_StackBeyondLimit_ThrowsFormat()
    {
        var builder = new PickleBytes().Proto(2);
        for (int i = 0; i < 100; i++)
            builder.Op('N');
        var limited = new SafeUnpickler(new UnpicklerLimits { MaxStackSize = 50 });

        var ex = Assert.ThrowsExactly<PickleFormatException>(() => limited.Load(builder.Stop().ToArray()));

        StringAssert.Contains(ex.Message, "MaxStackSize");
    }

    [TestMethod]
    public void Load_InputOverByteLimit_ThrowsFormat()
    {
        var limited = new SafeUnpickler(new UnpicklerLimits { MaxInputBytes = 1000 });

        Assert.ThrowsExactly<PickleFormatException>(() => limited.Load(new MemoryStream(PickleSamples.Bytes(PickleSamples.Meld))));
        Assert.ThrowsExactly<PickleFormatException>(() => limited.Load(new NonSeekableStream(PickleSamples.Bytes(PickleSamples.Meld))));
    }

    [TestMethod]
    public void Load_NonSeekableStream_ReadsWholePickle()
    {
        var viaStream = (List<object?>)Reader.Load(new NonSeekableStream(PickleSamples.Bytes(PickleSamples.Meld)))!;

        Assert.HasCount(10, viaStream);
    }

    [TestMethod]
    [DataRow(PickleSamples.Meld, 300, 1)]
    [DataRow(PickleSamples.IemocapPy2, 150, 2)]
    [DataRow(PickleSamples.Iemocap, 150, 3)]
    public void Load_RandomlyMutatedSample_OnlySucceedsOrThrowsDocumentedErrors(string sample, int rounds, int seed)
    {
        var original = PickleSamples.Bytes(sample);
        var random = new Random(seed);
        int succeeded = 0, format = 0, security = 0, layout = 0;
        for (int round = 0; round < rounds; round++)
        {
            var bytes = Mutate(original, random);
            try
            {
                var root = Reader.Load(bytes);
                try
                {
                    CommunityFeatureFile.FromObject(root);
                    succeeded++;
                }
                catch (ConversationDataException) { layout++; }
            }
            catch (PickleFormatException) { format++; }
            catch (PickleSecurityException) { security++; }
            catch (Exception ex)
            {
                Assert.Fail($"round {round}: unexpected {ex.GetType().Name}: {ex.Message}");
            }
        }
        Assert.AreEqual(rounds, succeeded + format + security + layout);
        Assert.IsGreaterThan(0, format, "mutations should break some pickles");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        int kind = random.Next(4);
        int at = random.Next(bytes.Length);
        switch (kind)
        {
            case 0: // a few random bytes, biased to the opcode-dense start
                for (int k = random.Next(1, 5); k > 0; k--)
                    bytes[random.Next(random.Next(2) == 0 ? Math.Min(bytes.Length, 4096) : bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 1: // one bit flip
                bytes[at] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 2: // drop a byte
                return [.. bytes[..at], .. bytes[(at + 1)..]];
            default: // insert a byte
                return [.. bytes[..at], (byte)random.Next(256), .. bytes[at..]];
        }
    }

    /// <summary>A read-only stream that hides its length, like a pipe.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
