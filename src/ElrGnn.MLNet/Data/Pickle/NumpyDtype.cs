namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// A numpy scalar dtype as described by a pickle (<c>numpy.dtype(name, align, copy)</c> plus its BUILD state).
/// Only plain numeric kinds are represented: 'f' (float), 'i' (signed), 'u' (unsigned) and 'b' (bool).
/// </summary>
public sealed class NumpyDtype
{
    internal NumpyDtype(char kind, int itemSize)
    {
        Kind = kind;
        ItemSize = itemSize;
        ByteOrder = itemSize == 1 ? '|' : '<';
    }

    /// <summary>Type kind: 'f', 'i', 'u' or 'b'.</summary>
    public char Kind { get; }

    /// <summary>Bytes per element: 1, 2, 4 or 8.</summary>
    public int ItemSize { get; }

    /// <summary>Byte order: '&lt;' little-endian, '&gt;' big-endian, '|' not applicable (one-byte types).</summary>
    public char ByteOrder { get; internal set; }

    /// <summary>numpy's dtype string, e.g. "&lt;f4".</summary>
    public string Str => $"{ByteOrder}{Kind}{ItemSize}";

    /// <summary>Whether BUILD already set the state (a dtype is built at most once).</summary>
    internal bool HasState { get; set; }

    /// <summary>Parses numpy's pickled dtype name ("f4", "f8", "i8", "u1", "b1", …).</summary>
    internal static NumpyDtype Parse(string name, long offset)
    {
        if (name.Length == 2 && name[1] is '1' or '2' or '4' or '8')
        {
            char kind = name[0];
            int size = name[1] - '0';
            bool ok = kind switch
            {
                'f' => size is 2 or 4 or 8,
                'i' or 'u' => true,
                'b' => size == 1,
                _ => false,
            };
            if (ok)
                return new NumpyDtype(kind, size);
        }
        throw new PickleFormatException($"numpy dtype '{Truncate(name)}' is not supported (only plain float/int/uint/bool types).", offset);
    }

    /// <summary>Shortens user-controlled text before it goes into a message.</summary>
    internal static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
