namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// The only globals a pickle may reference, and how REDUCE / BUILD interpret each one. Any other
/// global, extension code or persistent id raises <see cref="PickleSecurityException"/>.
/// </summary>
internal static class PickleAllowList
{
    private static readonly Dictionary<string, PickleGlobalKind> Allowed = new(StringComparer.Ordinal)
    {
        ["numpy.core.multiarray._reconstruct"] = PickleGlobalKind.NumpyReconstruct,
        ["numpy._core.multiarray._reconstruct"] = PickleGlobalKind.NumpyReconstruct,
        ["numpy.core.multiarray.scalar"] = PickleGlobalKind.NumpyScalar,
        ["numpy._core.multiarray.scalar"] = PickleGlobalKind.NumpyScalar,
        ["numpy.core.numeric._frombuffer"] = PickleGlobalKind.NumpyFromBuffer,
        ["numpy._core.numeric._frombuffer"] = PickleGlobalKind.NumpyFromBuffer,
        ["numpy.ndarray"] = PickleGlobalKind.NumpyNdarray,
        ["numpy.dtype"] = PickleGlobalKind.NumpyDtype,
        ["_codecs.encode"] = PickleGlobalKind.CodecsEncode,
        ["builtins.set"] = PickleGlobalKind.Set,
        ["__builtin__.set"] = PickleGlobalKind.Set,
        ["builtins.frozenset"] = PickleGlobalKind.FrozenSet,
        ["__builtin__.frozenset"] = PickleGlobalKind.FrozenSet,
        ["builtins.bytes"] = PickleGlobalKind.Bytes,
        ["__builtin__.bytes"] = PickleGlobalKind.Bytes,
    };

    /// <summary>Looks a global up; anything not allow-listed is a security error naming it.</summary>
    public static PickleGlobal Resolve(string module, string name, long offset)
    {
        string full = module + "." + name;
        if (Allowed.TryGetValue(full, out var kind))
            return new PickleGlobal(module, name, kind);
        string shown = NumpyDtype.Truncate(module) + "." + NumpyDtype.Truncate(name);
        throw new PickleSecurityException(shown,
            $"global '{shown}' is not on the allow-list (numpy arrays/dtypes/scalars, _codecs.encode, set, frozenset, bytes); " +
            "it was not imported and nothing was executed.", offset);
    }

    /// <summary>REDUCE: interprets <paramref name="callable"/>(*<paramref name="args"/>) for the allow-listed kinds.</summary>
    public static object? Reduce(object? callable, object? args, long offset)
    {
        if (callable is not PickleGlobal g)
            throw new PickleFormatException($"REDUCE needs an allow-listed global to call, got {PickleValues.Describe(callable)}.", offset);
        if (args is not object?[] a)
            throw new PickleFormatException($"REDUCE arguments for '{g.FullName}' must be a tuple, got {PickleValues.Describe(args)}.", offset);
        return g.Kind switch
        {
            PickleGlobalKind.NumpyReconstruct => NumpyObjects.Reconstruct(a, offset),
            PickleGlobalKind.NumpyDtype => NumpyObjects.CreateDtype(a, offset),
            PickleGlobalKind.NumpyScalar => NumpyObjects.Scalar(a, offset),
            PickleGlobalKind.NumpyFromBuffer => NumpyObjects.FromBuffer(a, offset),
            PickleGlobalKind.CodecsEncode => Encode(a, offset),
            PickleGlobalKind.Set or PickleGlobalKind.FrozenSet => MakeSet(a, g, offset),
            PickleGlobalKind.Bytes when a.Length == 0 => Array.Empty<byte>(),
            _ => throw new PickleFormatException($"'{g.FullName}' cannot be called with {a.Length} argument(s) here.", offset),
        };
    }

    /// <summary>BUILD: sets the state of a numpy array or dtype; other targets are not supported.</summary>
    public static void Build(object? target, object? state, long offset)
    {
        switch (target)
        {
            case NumpyArray array:
                NumpyObjects.SetArrayState(array, state, offset);
                break;
            case NumpyDtype dtype:
                NumpyObjects.SetDtypeState(dtype, state, offset);
                break;
            default:
                throw new PickleFormatException($"BUILD on {PickleValues.Describe(target)} is not supported.", offset);
        }
    }

    /// <summary>Adds items to a set, rejecting unhashable ones as Python would.</summary>
    public static void AddToSet(HashSet<object?> set, IEnumerable<object?> items, long offset)
    {
        foreach (var item in items)
        {
            if (!PickleValues.IsHashable(item))
                throw new PickleFormatException($"set item of type {PickleValues.Describe(item)} is unhashable.", offset);
            set.Add(item);
        }
    }

    // Python 3 writes bytes for protocols < 3 as _codecs.encode(text, 'latin1'): one char per byte.
    private static byte[] Encode(object?[] a, long offset)
    {
        if (a.Length != 2 || a[0] is not string text || a[1] is not ("latin1" or "latin-1"))
            throw new PickleFormatException("_codecs.encode is only accepted as encode(str, 'latin1').", offset);
        return PickleText.Latin1Bytes(text, offset, "_codecs.encode argument");
    }

    private static HashSet<object?> MakeSet(object?[] a, PickleGlobal g, long offset)
    {
        var set = new HashSet<object?>();
        if (a.Length == 0)
            return set;
        IEnumerable<object?> items = a.Length == 1 ? a[0] switch
        {
            List<object?> list => list,
            object?[] tuple => tuple,
            HashSet<object?> other => other,
            _ => throw new PickleFormatException($"'{g.FullName}' argument must be a list, tuple or set.", offset),
        } : throw new PickleFormatException($"'{g.FullName}' takes at most one argument.", offset);
        AddToSet(set, items, offset);
        return set;
    }
}
