namespace ElrGnn.MLNet.Training;

/// <summary>Validation hold-out of spec §3.2: the first share of the training conversations, in input order.</summary>
public static class TrainingSplit
{
    /// <summary>Splits off the first ⌈fraction·count⌉ items as validation (none when fraction is 0).</summary>
    /// <typeparam name="T">Item type.</typeparam>
    /// <param name="items">Training items in input order.</param>
    /// <param name="fraction">Share held out, in [0, 1).</param>
    /// <returns>The remaining training items and the validation items.</returns>
    public static (T[] Train, T[] Validation) HoldOutFirst<T>(IReadOnlyList<T> items, double fraction)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!(fraction >= 0 && fraction < 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The validation fraction must be in [0, 1).");
        int count = (int)Math.Ceiling(fraction * items.Count);
        if (count >= items.Count)
            count = items.Count - 1;   // always leave something to train on
        count = Math.Max(count, 0);
        return (items.Skip(count).ToArray(), items.Take(count).ToArray());
    }
}
