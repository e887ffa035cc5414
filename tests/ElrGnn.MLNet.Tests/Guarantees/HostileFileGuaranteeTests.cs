using System.Diagnostics;
using ElrGnn.MLNet.Data.Pickle;
using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Tests.Pickle;
using ElrGnn.MLNet.Training;

namespace ElrGnn.MLNet.Tests.Guarantees;

/// <summary>
/// Promise: the pickle reader and the model loader treat files as untrusted; each hostile file is one clear error
/// (<see cref="PickleException"/> / <see cref="ModelFileException"/>), with bounded memory, nothing executed and
/// nothing written. Also proven elsewhere: absurd claimed sizes (10^12-element arrays, huge frames and lengths), deep
/// nesting, cycles and truncation at every offset in Pickle/SafeUnpicklerHostileInputTests; every forbidden opcode
/// and shell-command global in Pickle/SafeUnpicklerSecurityTests; random bytes, truncated zip, tampered / missing
/// entries and foreign versions in Persistence/CorruptModelTests.
/// </summary>
[TestClass]
public sealed class HostileFileGuaranteeTests
{
    private static readonly string[] ForbiddenGlobals =
    [
        "os system", "posix system", "subprocess Popen", "builtins eval", "builtins exec", "__builtin__ eval",
        "builtins __import__", "shutil rmtree", "socket socket", "ctypes CDLL", "numpy load", "numpy.core.multiarray scalar2",
        "numpy frombuffer2", "pickle loads", "io open", "codecs encode",
    ];

    private static GuaranteeModel M => GuaranteeModel.Instance;

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void Pickle_ForbiddenGlobalInjectedIntoARealFile_IsRefusedAndRunsNothing()
    {
        var original = PickleSamples.Bytes(PickleSamples.Meld);
        var marker = Path.Combine(TestPaths.NewTempDir(), "pwned");
        var random = new Random(8);
        var clock = Stopwatch.StartNew();
        int rounds = 0, refusedByName = 0;
        for (; rounds < 300 && clock.Elapsed < TimeSpan.FromSeconds(20); rounds++)
        {
            var parts = ForbiddenGlobals[random.Next(ForbiddenGlobals.Length)].Split(' ');
            var payload = Payload(parts[0], parts[1], "touch " + marker, random.Next(3));
            // Even rounds put the payload right after PROTO (it must be reached); odd ones anywhere.
            int at = rounds % 2 == 0 ? 2 : random.Next(original.Length);
            byte[] hostile = [.. original[..at], .. payload, .. original[at..]];
            try
            {
                new SafeUnpickler().Load(hostile);
                Assert.AreNotEqual(0, rounds % 2, $"round {rounds}: a payload after PROTO was accepted");
            }
            catch (PickleSecurityException e)
            {
                // Anywhere else the payload may shift an opcode that is itself refused (e.g. a persistent id).
                if (rounds % 2 == 0 || e.GlobalName == $"{parts[0]}.{parts[1]}")
                    Assert.AreEqual($"{parts[0]}.{parts[1]}", e.GlobalName, $"round {rounds}");
                refusedByName += e.GlobalName == $"{parts[0]}.{parts[1]}" ? 1 : 0;
            }
            catch (PickleFormatException) when (rounds % 2 == 1)
            {
                // the payload landed inside an operand and broke the framing: refused before anything ran
            }
            Assert.IsFalse(File.Exists(marker), $"round {rounds}: the payload ran");
        }
        Assert.IsGreaterThanOrEqualTo(100, rounds);
        Assert.IsGreaterThanOrEqualTo(rounds / 2, refusedByName);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void ModelZip_RandomlyDamaged_EitherLoadsUnchangedOrThrowsModelFileException()
    {
        var original = File.ReadAllBytes(M.SavedPath);
        var conversation = M.TestConversations()[0];
        var expected = M.Scores(conversation);
        var path = Path.Combine(TestPaths.NewTempDir(), "fuzzed.zip");
        var random = new Random(21);
        var clock = Stopwatch.StartNew();
        int rounds = 0, rejected = 0;
        for (; rounds < 200 && clock.Elapsed < TimeSpan.FromSeconds(40); rounds++)
        {
            File.WriteAllBytes(path, Mutate(original, random));
            try
            {
                var model = GuaranteeModel.Load(path);
                GuaranteeModel.AssertBitIdentical(expected, M.Scores(conversation, model), $"round {rounds}: loaded a damaged file");
            }
            catch (ModelFileException e)
            {
                StringAssert.Contains(e.Message, "corrupt or incompatible");
                rejected++;
            }
        }
        Assert.IsGreaterThanOrEqualTo(50, rounds);
        Assert.IsGreaterThan(rounds / 2, rejected, "most damage must be detected");
    }

    [TestMethod]
    public void ModelZip_EntriesWithEscapingPaths_AreNeverExtracted()
    {
        var path = ModelZip.Copy(M.SavedPath);
        var tag = Guid.NewGuid().ToString("N");
        // Enough ".." to climb to the root from any folder, then into the temp folder; and an absolute path.
        var climbing = string.Concat(Enumerable.Repeat("../", 30)) + Path.GetTempPath().TrimStart('/') + "escape-" + tag;
        var absolute = Path.Combine(Path.GetTempPath(), "absolute-" + tag);
        foreach (var name in new[] { climbing, absolute, "TransformerChain/Transform_002/../../../escape-" + tag })
            ModelZip.Write(path, name, s => s.Write("#!/bin/sh\necho pwned\n"u8));

        var scores = M.Scores(M.TestConversations()[0], GuaranteeModel.Load(path));

        GuaranteeModel.AssertBitIdentical(M.Scores(M.TestConversations()[0]), scores, "extra entries change nothing");
        Assert.IsFalse(File.Exists(Path.Combine(Path.GetTempPath(), "escape-" + tag)));
        Assert.IsFalse(File.Exists(absolute));
        Assert.IsFalse(File.Exists(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(path))!, "escape-" + tag)));
    }

    [TestMethod]
    public void ModelZip_OversizedNetworkEntry_IsRejectedWithBoundedMemory()
    {
        var path = ModelZip.Copy(M.SavedPath);
        // 256 MiB that compress to a few hundred KiB: a zip bomb in the entry the loader must read.
        ModelZip.Write(path, ModelZip.NetworkEntry, ZipBomb);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.ThrowsExactly<ModelFileException>(() => GuaranteeModel.Load(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        StringAssert.Contains(e.Message, "ElrGnnNetwork");
        Assert.IsLessThan(32L << 20, allocated, $"{allocated:N0} bytes allocated to reject the entry");
    }

    [TestMethod]
    [DataRow(1L << 40)]
    [DataRow(3L << 29)]
    public void ModelZip_OversizedEntryWithARecordClaimingItsSize_IsRejectedBeforeReading(long claimed)
    {
        var path = ModelZip.Copy(M.SavedPath);
        ModelZip.ReplaceNetworkWithMatchingRecord(path, ModelZip.Read(path, ModelZip.NetworkEntry), claimedLength: claimed);
        ModelZip.Write(path, ModelZip.NetworkEntry, ZipBomb);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.ThrowsExactly<ModelFileException>(() => GuaranteeModel.Load(path));

        StringAssert.Contains(e.Message, "ElrGnnNetwork");
        Assert.IsLessThan(32L << 20, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [TestMethod]
    public void ModelZip_WeightsOfTheWrongShape_AreRejectedNamingTheMismatch()
    {
        var path = ModelZip.Copy(M.SavedPath);
        var network = ModelZip.Read(path, ModelZip.NetworkEntry);
        var header = NetworkConfig.Read(new BinaryReader(new MemoryStream(network)));
        using var wider = new ElrGnnNetwork(header with { HiddenSize = 16, ModelSize = 16 });
        using var crafted = new MemoryStream();
        using (var writer = new BinaryWriter(crafted, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            header.Write(writer); // the header the loader builds from ...
            wider.save(writer);   // ... and weights of other shapes
        }
        ModelZip.ReplaceNetworkWithMatchingRecord(path, crafted.ToArray());

        var e = Assert.ThrowsExactly<ModelFileException>(() => GuaranteeModel.Load(path));

        StringAssert.Contains(e.Message, "do not fit");
    }

    [TestMethod]
    public void ModelZip_TruncatedNetworkWithMatchingRecord_IsRejected()
    {
        var path = ModelZip.Copy(M.SavedPath);
        var network = ModelZip.Read(path, ModelZip.NetworkEntry);
        ModelZip.ReplaceNetworkWithMatchingRecord(path, network[..(network.Length * 2 / 3)]);

        var e = Assert.ThrowsExactly<ModelFileException>(() => GuaranteeModel.Load(path));

        StringAssert.Contains(e.Message, "ElrGnnModel");
    }

    private static void ZipBomb(Stream entry)
    {
        var zeros = new byte[1 << 20];
        for (int i = 0; i < 256; i++)
            entry.Write(zeros);
    }

    // GLOBAL / STACK_GLOBAL / INST forms of "call module.name('touch marker')".
    private static byte[] Payload(string module, string name, string argument, int form) => form switch
    {
        0 => new PickleBytes().Global(module, name).Str(argument).Byte(0x85).Op('R').ToArray(),
        1 => new PickleBytes().Str(module).Str(name).Byte(0x93).Str(argument).Byte(0x85).Op('R').ToArray(),
        _ => new PickleBytes().Op('(').Str(argument).Op('i').Ascii(module + "\n" + name + "\n").ToArray(),
    };

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(3))
        {
            case 0:
                for (int k = random.Next(1, 4); k > 0; k--)
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1:
                Array.Clear(bytes, random.Next(bytes.Length - 16), 16);
                return bytes;
            default:
                return bytes[..random.Next(bytes.Length)];
        }
    }
}
