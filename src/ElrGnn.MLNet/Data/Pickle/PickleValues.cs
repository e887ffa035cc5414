namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>Type checks and descriptions of unpickled values, for argument validation and messages.</summary>
internal static class PickleValues
{
    /// <summary>Python-like type name of a result value, e.g. "list", "str", "numpy.ndarray".</summary>
    public static string Describe(object? value) => value switch
    {
        null => "None",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        byte[] => "bytes",
        List<object?> => "list",
        object?[] => "tuple",
        Dictionary<object, object?> => "dict",
        HashSet<object?> => "set",
        NumpyArray => "numpy.ndarray",
        NumpyDtype => "numpy.dtype",
        PickleGlobal g => $"global '{g.FullName}'",
        _ => value.GetType().Name,
    };

    /// <summary>A tuple with exactly <paramref name="count"/> items, else a format error naming <paramref name="what"/>.</summary>
    public static object?[] Tuple(object? value, int count, string what, long offset)
    {
        if (value is object?[] t && t.Length == count)
            return t;
        throw new PickleFormatException(
            $"{what} must be a tuple of {count} item(s), got {Describe(value)}{(value is object?[] u ? $" of {u.Length}" : "")}.", offset);
    }

    /// <summary>An int (or bool, as Python treats it) as <see cref="long"/>.</summary>
    public static long Int(object? value, string what, long offset) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        _ => throw new PickleFormatException($"{what} must be an int, got {Describe(value)}.", offset),
    };

    /// <summary>A bool (or 0/1 int, as Python 2 protocol 0 writes them).</summary>
    public static bool Bool(object? value, string what, long offset) => value switch
    {
        bool b => b,
        long l => l != 0,
        _ => throw new PickleFormatException($"{what} must be a bool, got {Describe(value)}.", offset),
    };

    /// <summary>A str.</summary>
    public static string Str(object? value, string what, long offset) =>
        value as string ?? throw new PickleFormatException($"{what} must be a str, got {Describe(value)}.", offset);

    /// <summary>Raw bytes: a bytes object, or Latin-1 text (Python 2 str read with encoding='latin1').</summary>
    public static byte[] Bytes(object? value, string what, long offset) => value switch
    {
        byte[] b => b,
        string s => PickleText.Latin1Bytes(s, offset, what),
        _ => throw new PickleFormatException($"{what} must be bytes, got {Describe(value)}.", offset),
    };

    /// <summary>Whether Python could hash the value (needed for dict keys and set items).</summary>
    public static bool IsHashable(object? value) =>
        value is null or bool or long or double or string or byte[] or object?[] or NumpyDtype;
}
