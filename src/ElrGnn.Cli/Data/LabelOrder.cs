using ElrGnn.MLNet.Data;

namespace ElrGnn.Cli.Data;

/// <summary>The order of classes in the model, its tables and plots: the data set's own class-id order where known.</summary>
internal static class LabelOrder
{
    /// <summary>
    /// The distinct non-empty labels of <paramref name="present"/> in IEMOCAP or MELD class-id order when they are all
    /// of that set, else in ordinal order.
    /// </summary>
    public static IReadOnlyList<string> Arrange(IEnumerable<string> present)
    {
        var set = present.Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> preferred = set.IsSubsetOf(EmotionLabels.Iemocap) ? EmotionLabels.Iemocap
            : set.IsSubsetOf(EmotionLabels.Meld) ? EmotionLabels.Meld : [];
        var ordered = preferred.Where(set.Contains).ToList();
        ordered.AddRange(set.Except(ordered).Order(StringComparer.Ordinal));
        return ordered;
    }
}
