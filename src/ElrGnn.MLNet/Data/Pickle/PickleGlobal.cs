namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>What an allow-listed global is; decides how REDUCE and BUILD interpret it.</summary>
internal enum PickleGlobalKind
{
    NumpyReconstruct,
    NumpyNdarray,
    NumpyDtype,
    NumpyScalar,
    NumpyFromBuffer,
    CodecsEncode,
    Set,
    FrozenSet,
    Bytes,
}

/// <summary>
/// A reference to an allow-listed module attribute. It is only a name: the reader never imports or calls
/// anything, REDUCE interprets the known argument layout of each kind itself.
/// </summary>
internal sealed record PickleGlobal(string Module, string Name, PickleGlobalKind Kind)
{
    public string FullName => $"{Module}.{Name}";
}
