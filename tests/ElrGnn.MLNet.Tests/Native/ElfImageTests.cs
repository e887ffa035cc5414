using System.Buffers.Binary;
using System.Text;
using ElrGnn.MLNet.Native;

namespace ElrGnn.MLNet.Tests.Native;

[TestClass]
public sealed class ElfImageTests
{
    [TestMethod]
    public void Parse_CraftedLibrary_ReadsVersionNeedsAndSymbols()
    {
        var image = ElfImage.Parse(CraftedElf.Build());
        var names = image.VersionNeeds.Select(n => $"{n.File}:{n.Name}").ToList();
        CollectionAssert.AreEqual(new[] { "libstdc++.so.6:GLIBCXX_3.4.30", "libstdc++.so.6:GLIBCXX_3.4.32" }, names);
        Assert.IsFalse(image.VersionNeeds.Any(n => n.IsWeak));
        CollectionAssert.AreEqual(new[] { "_ZSt21ios_base_library_initv" }, image.UndefinedSymbolsOfVersion(3).ToArray());
        CollectionAssert.AreEqual(new[] { "_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE" }, image.UndefinedSymbolsOfVersion(2).ToArray());
    }

    [TestMethod]
    public void WeakenVersionNeeds_SetsOnlyTheSelectedFlag()
    {
        var bytes = CraftedElf.Build();
        var original = (byte[])bytes.Clone();
        var image = ElfImage.Parse(bytes);
        int changed = image.WeakenVersionNeeds(n => n.Name == "GLIBCXX_3.4.32");
        Assert.AreEqual(1, changed);

        var reread = ElfImage.Parse(image.Bytes);
        Assert.IsTrue(reread.VersionNeeds.Single(n => n.Name == "GLIBCXX_3.4.32").IsWeak);
        Assert.IsFalse(reread.VersionNeeds.Single(n => n.Name == "GLIBCXX_3.4.30").IsWeak);
        int differing = Enumerable.Range(0, bytes.Length).Count(i => bytes[i] != original[i]);
        Assert.AreEqual(1, differing, "exactly one byte (the low byte of vna_flags) changes");
        Assert.AreEqual(0, image.WeakenVersionNeeds(n => n.Name == "GLIBCXX_3.4.32"), "already weak: idempotent");
    }

    [TestMethod]
    public void Parse_NotAnElf_ThrowsInvalidData()
    {
        Assert.ThrowsExactly<InvalidDataException>(() => ElfImage.Parse(Encoding.ASCII.GetBytes("#!/bin/sh\necho this is not a library\n" + new string(' ', 64))));
        Assert.ThrowsExactly<InvalidDataException>(() => ElfImage.Parse([0x7f, (byte)'E', (byte)'L', (byte)'F']));
    }

    [TestMethod]
    public void Parse_TruncatedOrCorrupt_ThrowsInvalidDataOnly()
    {
        var bytes = CraftedElf.Build();
        for (int cut = 0; cut < bytes.Length; cut += 7)
        {
            var truncated = bytes.AsSpan(0, cut).ToArray();
            try { ElfImage.Parse(truncated); }
            catch (InvalidDataException) { }
        }
        var rng = new Random(7);
        for (int i = 0; i < 300; i++)
        {
            var mutated = (byte[])bytes.Clone();
            mutated[rng.Next(64, mutated.Length)] = (byte)rng.Next(256);
            try { _ = ElfImage.Parse(mutated).VersionNeeds.Count; }
            catch (InvalidDataException) { }
        }
    }

    [TestMethod]
    public void RealTorchSharpLibrary_NeedsOnlyNeverBoundSymbolsFromNewLibStdCxx()
    {
        // The shipped libLibTorchSharp.so: the version behind std::ios_base_library_init is the only new one.
        var lib = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).FirstOrDefault();
        if (lib is null)
            Assert.Inconclusive("libLibTorchSharp.so is not in the test output.");
        var image = ElfImage.Load(lib);
        var need = image.VersionNeeds.Single(n => n.Name == "GLIBCXX_3.4.32");
        CollectionAssert.AreEqual(new[] { "_ZSt21ios_base_library_initv" }, image.UndefinedSymbolsOfVersion(need.Index).ToArray());
    }
}

/// <summary>Builds a tiny ELF64 shared object image with .dynsym, .dynstr, .gnu.version and .gnu.version_r.</summary>
internal static class CraftedElf
{
    public static byte[] Build()
    {
        // String table.
        var strtab = new List<byte> { 0 };
        int Str(string s) { int at = strtab.Count; strtab.AddRange(Encoding.ASCII.GetBytes(s)); strtab.Add(0); return at; }
        int libName = Str("libstdc++.so.6");
        int v30 = Str("GLIBCXX_3.4.30");
        int v32 = Str("GLIBCXX_3.4.32");
        int sym1 = Str("_ZSt21ios_base_library_initv");
        int sym2 = Str("_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE");
        int shName = Str(".shstr");

        // .dynsym: null symbol + 2 undefined symbols.
        var dynsym = new byte[24 * 3];
        BinaryPrimitives.WriteUInt32LittleEndian(dynsym.AsSpan(24), (uint)sym1);
        BinaryPrimitives.WriteUInt32LittleEndian(dynsym.AsSpan(48), (uint)sym2);
        // .gnu.version: indices 0 (local), 3 (3.4.32), 2 (3.4.30).
        var versym = new byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(versym.AsSpan(2), 3);
        BinaryPrimitives.WriteUInt16LittleEndian(versym.AsSpan(4), 2);
        // .gnu.version_r: one Verneed with two Vernaux.
        var verneed = new byte[16 + 32];
        BinaryPrimitives.WriteUInt16LittleEndian(verneed.AsSpan(0), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(verneed.AsSpan(2), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(verneed.AsSpan(4), (uint)libName);
        BinaryPrimitives.WriteUInt32LittleEndian(verneed.AsSpan(8), 16);
        WriteAux(verneed.AsSpan(16), v30, 2, next: 16);
        WriteAux(verneed.AsSpan(32), v32, 3, next: 0);

        var body = new List<byte>(new byte[64]);
        int Place(byte[] b) { while (body.Count % 8 != 0) body.Add(0); int at = body.Count; body.AddRange(b); return at; }
        int strAt = Place(strtab.ToArray());
        int symAt = Place(dynsym);
        int verAt = Place(versym);
        int needAt = Place(verneed);
        while (body.Count % 8 != 0) body.Add(0);
        int shoff = body.Count;

        // Sections: 0 null, 1 .dynstr, 2 .dynsym(link 1), 3 .gnu.version(link 2), 4 .gnu.version_r(link 1, info 1).
        var sh = new byte[64 * 5];
        WriteSection(sh.AsSpan(64), shName, 3, strAt, strtab.Count, 0, 0, 0);
        WriteSection(sh.AsSpan(128), shName, 11, symAt, dynsym.Length, 1, 1, 24);
        WriteSection(sh.AsSpan(192), shName, 0x6fffffff, verAt, versym.Length, 2, 0, 2);
        WriteSection(sh.AsSpan(256), shName, 0x6ffffffe, needAt, verneed.Length, 1, 1, 0);
        body.AddRange(sh);

        var bytes = body.ToArray();
        bytes[0] = 0x7f; bytes[1] = (byte)'E'; bytes[2] = (byte)'L'; bytes[3] = (byte)'F';
        bytes[4] = 2; bytes[5] = 1; bytes[6] = 1;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0x28), (ulong)shoff);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x3A), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x3C), 5);
        return bytes;
    }

    private static void WriteAux(Span<byte> at, int name, ushort index, uint next)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at[6..], index);
        BinaryPrimitives.WriteUInt32LittleEndian(at[8..], (uint)name);
        BinaryPrimitives.WriteUInt32LittleEndian(at[12..], next);
    }

    private static void WriteSection(Span<byte> at, int name, uint type, int offset, int size, uint link, uint info, int entsize)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(at, (uint)name);
        BinaryPrimitives.WriteUInt32LittleEndian(at[4..], type);
        BinaryPrimitives.WriteUInt64LittleEndian(at[24..], (ulong)offset);
        BinaryPrimitives.WriteUInt64LittleEndian(at[32..], (ulong)size);
        BinaryPrimitives.WriteUInt32LittleEndian(at[40..], link);
        BinaryPrimitives.WriteUInt32LittleEndian(at[44..], info);
        BinaryPrimitives.WriteUInt64LittleEndian(at[56..], (ulong)entsize);
    }
}
