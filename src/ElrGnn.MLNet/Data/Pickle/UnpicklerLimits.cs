namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// Bounds that keep <see cref="SafeUnpickler"/> safe on hostile input. Lengths and element counts are also
/// always checked against the bytes actually left in the file, so nothing is allocated for a claimed size
/// the file cannot hold.
/// </summary>
public sealed class UnpicklerLimits
{
    /// <summary>The default limits.</summary>
    public static UnpicklerLimits Default { get; } = new();

    /// <summary>
    /// Largest pickle accepted, in bytes. Default <see cref="Array.MaxLength"/> (about 2 GiB);
    /// must be positive and at most that.
    /// </summary>
    public long MaxInputBytes { get; init; } = Array.MaxLength;

    /// <summary>
    /// Deepest nesting of containers in the result, and most open MARKs at any time. Default 200;
    /// must be in [1, 100000]. The community feature files need fewer than 10.
    /// </summary>
    public int MaxNestingDepth { get; init; } = 200;

    /// <summary>
    /// Most values on the unpickling stack at any time. Default 1,000,000; must be in [16, 100000000].
    /// Writers push at most about 1,000 items per batch, so real files stay far below this.
    /// </summary>
    public int MaxStackSize { get; init; } = 1_000_000;

    internal void Validate()
    {
        if (MaxInputBytes <= 0 || MaxInputBytes > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(MaxInputBytes), MaxInputBytes, $"{nameof(MaxInputBytes)} must be in [1, {Array.MaxLength}].");
        if (MaxNestingDepth < 1 || MaxNestingDepth > 100_000)
            throw new ArgumentOutOfRangeException(nameof(MaxNestingDepth), MaxNestingDepth, $"{nameof(MaxNestingDepth)} must be in [1, 100000].");
        if (MaxStackSize < 16 || MaxStackSize > 100_000_000)
            throw new ArgumentOutOfRangeException(nameof(MaxStackSize), MaxStackSize, $"{nameof(MaxStackSize)} must be in [16, 100000000].");
    }
}
