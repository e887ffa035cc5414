using System.Buffers.Binary;
using System.Text;

namespace ElrGnn.MLNet.Native;

/// <summary>
/// A minimal, bounds-checked reader of the parts of a 64-bit little-endian ELF shared object that symbol
/// versioning needs: section headers, version needs (<c>.gnu.version_r</c>), version definitions
/// (<c>.gnu.version_d</c>) and the version index of each dynamic symbol (<c>.gnu.version</c>).
/// It reads a byte array and never executes or maps anything.
/// </summary>
internal sealed class ElfImage
{
    private const uint ShtDynSym = 11;
    private const uint ShtGnuVerDef = 0x6ffffffd;
    private const uint ShtGnuVerNeed = 0x6ffffffe;
    private const uint ShtGnuVerSym = 0x6fffffff;

    /// <summary>The flag that makes a version need optional for the dynamic loader.</summary>
    public const ushort VerFlagWeak = 0x2;

    private readonly byte[] _data;
    private readonly Section[] _sections;

    private ElfImage(byte[] data, Section[] sections)
    {
        _data = data;
        _sections = sections;
        VersionNeeds = ReadVersionNeeds();
        VersionDefinitions = ReadVersionDefinitions();
    }

    /// <summary>One version a library needs from a dependency (a <c>Vernaux</c> entry).</summary>
    /// <param name="File">The dependency's file name, e.g. libstdc++.so.6.</param>
    /// <param name="Name">The version name, e.g. GLIBCXX_3.4.32.</param>
    /// <param name="Flags">vna_flags.</param>
    /// <param name="Index">vna_other: the version index that symbols refer to.</param>
    /// <param name="FlagsOffset">File offset of vna_flags, for patching.</param>
    public readonly record struct VersionNeed(string File, string Name, ushort Flags, ushort Index, int FlagsOffset)
    {
        /// <summary>True when the need is already weak (optional).</summary>
        public bool IsWeak => (Flags & VerFlagWeak) != 0;
    }

    private readonly record struct Section(uint Type, long Offset, long Size, uint Link, uint Info, long EntrySize);

    /// <summary>The version needs, in file order.</summary>
    public IReadOnlyList<VersionNeed> VersionNeeds { get; private set; }

    /// <summary>The names of the versions this object defines (for a library such as libstdc++).</summary>
    public IReadOnlyList<string> VersionDefinitions { get; }

    /// <summary>Reads an ELF image from bytes; throws <see cref="InvalidDataException"/> when it is not a 64-bit little-endian ELF.</summary>
    public static ElfImage Parse(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length < 64 || data[0] != 0x7f || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F')
            throw new InvalidDataException("Not an ELF file (bad magic).");
        if (data[4] != 2 || data[5] != 1)
            throw new InvalidDataException("Only 64-bit little-endian ELF files are supported.");

        long shoff = (long)ReadU64(data, 0x28);
        int shentsize = ReadU16(data, 0x3A);
        int shnum = ReadU16(data, 0x3C);
        if (shentsize < 64 || shnum == 0 || shoff <= 0 || shoff + (long)shentsize * shnum > data.Length)
            throw new InvalidDataException("ELF section header table is missing or out of bounds.");

        var sections = new Section[shnum];
        for (int i = 0; i < shnum; i++)
        {
            int at = checked((int)(shoff + (long)i * shentsize));
            var s = new Section(
                Type: ReadU32(data, at + 4),
                Offset: (long)ReadU64(data, at + 24),
                Size: (long)ReadU64(data, at + 32),
                Link: ReadU32(data, at + 40),
                Info: ReadU32(data, at + 44),
                EntrySize: (long)ReadU64(data, at + 56));
            // SHT_NOBITS sections have no file content; every other section must lie inside the file.
            if (s.Type != 8 && (s.Offset < 0 || s.Size < 0 || s.Offset + s.Size > data.Length))
                throw new InvalidDataException($"ELF section {i} lies outside the file.");
            sections[i] = s;
        }
        try
        {
            return new ElfImage(data, sections);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException("ELF structure points outside the file.", e);
        }
    }

    /// <summary>Reads an ELF file from disk.</summary>
    public static ElfImage Load(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>The underlying bytes (patches write here).</summary>
    public byte[] Bytes => _data;

    /// <summary>Names of the undefined dynamic symbols bound to version index <paramref name="versionIndex"/>.</summary>
    public IReadOnlyList<string> UndefinedSymbolsOfVersion(ushort versionIndex)
    {
        var result = new List<string>();
        int symIdx = Array.FindIndex(_sections, s => s.Type == ShtDynSym);
        int verIdx = Array.FindIndex(_sections, s => s.Type == ShtGnuVerSym);
        if (symIdx < 0 || verIdx < 0)
            return result;
        var sym = _sections[symIdx];
        var ver = _sections[verIdx];
        var strtab = LinkedSection(sym);
        long count = Math.Min(sym.Size / 24, ver.Size / 2);
        for (long i = 0; i < count; i++)
        {
            int at = checked((int)(sym.Offset + i * 24));
            ushort shndx = ReadU16(_data, at + 6);
            ushort index = (ushort)(ReadU16(_data, checked((int)(ver.Offset + i * 2))) & 0x7fff);
            if (shndx == 0 && index == versionIndex)
                result.Add(ReadString(strtab, ReadU32(_data, at)));
        }
        return result;
    }

    /// <summary>Marks the version needs selected by <paramref name="select"/> weak, in place; returns how many changed.</summary>
    public int WeakenVersionNeeds(Func<VersionNeed, bool> select)
    {
        int changed = 0;
        foreach (var need in VersionNeeds)
        {
            if (need.IsWeak || !select(need))
                continue;
            BinaryPrimitives.WriteUInt16LittleEndian(_data.AsSpan(need.FlagsOffset, 2), (ushort)(need.Flags | VerFlagWeak));
            changed++;
        }
        if (changed > 0)
            VersionNeeds = ReadVersionNeeds();
        return changed;
    }

    private List<VersionNeed> ReadVersionNeeds()
    {
        var needs = new List<VersionNeed>();
        foreach (var sec in _sections.Where(s => s.Type == ShtGnuVerNeed))
        {
            var strtab = LinkedSection(sec);
            long at = sec.Offset;
            for (uint n = 0; n < sec.Info; n++)
            {
                RequireInside(sec, at, 16);
                string file = ReadString(strtab, ReadU32(_data, (int)at + 4));
                int cnt = ReadU16(_data, (int)at + 2);
                long aux = at + ReadU32(_data, (int)at + 8);
                for (int a = 0; a < cnt; a++)
                {
                    RequireInside(sec, aux, 16);
                    ushort flags = ReadU16(_data, (int)aux + 4);
                    ushort other = ReadU16(_data, (int)aux + 6);
                    string name = ReadString(strtab, ReadU32(_data, (int)aux + 8));
                    needs.Add(new VersionNeed(file, name, flags, other, (int)aux + 4));
                    uint next = ReadU32(_data, (int)aux + 12);
                    if (next == 0) break;
                    aux += next;
                }
                uint vnNext = ReadU32(_data, (int)at + 12);
                if (vnNext == 0) break;
                at += vnNext;
            }
        }
        return needs;
    }

    private List<string> ReadVersionDefinitions()
    {
        var defs = new List<string>();
        foreach (var sec in _sections.Where(s => s.Type == ShtGnuVerDef))
        {
            var strtab = LinkedSection(sec);
            long at = sec.Offset;
            for (uint n = 0; n < sec.Info; n++)
            {
                RequireInside(sec, at, 20);
                long aux = at + ReadU32(_data, (int)at + 12);
                RequireInside(sec, aux, 8);
                defs.Add(ReadString(strtab, ReadU32(_data, (int)aux)));
                uint next = ReadU32(_data, (int)at + 16);
                if (next == 0) break;
                at += next;
            }
        }
        return defs;
    }

    private Section LinkedSection(Section s)
    {
        if (s.Link >= _sections.Length)
            throw new InvalidDataException("ELF section links to a string table that does not exist.");
        return _sections[s.Link];
    }

    private static void RequireInside(Section sec, long at, int length)
    {
        if (at < sec.Offset || at + length > sec.Offset + sec.Size)
            throw new InvalidDataException("ELF version entry lies outside its section.");
    }

    private string ReadString(Section strtab, uint offset)
    {
        long start = strtab.Offset + offset;
        long end = strtab.Offset + strtab.Size;
        if (offset >= strtab.Size)
            throw new InvalidDataException("ELF string offset outside its string table.");
        long stop = start;
        while (stop < end && _data[stop] != 0) stop++;
        return Encoding.ASCII.GetString(_data, (int)start, (int)(stop - start));
    }

    private static ushort ReadU16(byte[] d, int at) => BinaryPrimitives.ReadUInt16LittleEndian(d.AsSpan(at, 2));

    private static uint ReadU32(byte[] d, int at) => BinaryPrimitives.ReadUInt32LittleEndian(d.AsSpan(at, 4));

    private static ulong ReadU64(byte[] d, int at) => BinaryPrimitives.ReadUInt64LittleEndian(d.AsSpan(at, 8));
}
