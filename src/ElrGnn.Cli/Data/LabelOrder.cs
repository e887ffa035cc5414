namespace ElrGnn.Cli.Data;

/// <summary>The order of classes in the model, its tables and plots: the data set's own class-id order where known.</summary>
internal static class LabelOrder
{
    // Class ids 0..5 / 0..6 as in the community loaders (see the data README).
    private static readonly string[] Iemocap = ["hap", "sad", "neu", "ang", "exc", "fru"];
    private static readonly string[] Meld = ["neutral", "surprise", "fear", "sadness", "joy", "disgust", "anger"];

    /// <summary>
    /// <paramref name="present"/> ordered like <paramref name="preferred"/> (or the IEMOCAP / MELD class ids when they
    /// match); labels not covered follow in ordinal order.
    /// </summary>
    public static IReadOnlyList<string> Arrange(IEnumerable<string> present, IReadOnlyList<string>? preferred = null)
    {
        var set = present.Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        preferred ??= set.IsSubsetOf(Iemocap) ? Iemocap : set.IsSubsetOf(Meld) ? Meld : [];
        var ordered = preferred.Where(set.Contains).ToList();
        ordered.AddRange(set.Except(ordered).Order(StringComparer.Ordinal));
        return ordered;
    }
}
