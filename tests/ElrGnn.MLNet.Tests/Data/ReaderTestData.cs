using ElrGnn.MLNet.Data;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Data;

/// <summary>Shared builders for reader tests.</summary>
internal static class ReaderTestData
{
    /// <summary>Reader options for <see cref="UtteranceRow"/>: features Text and Audio.</summary>
    public static ConversationReaderOptions Options(bool requireLabels = true, IReadOnlyList<string>? labelNames = null) => new()
    {
        FeatureColumnNames = ["Text", "Audio"],
        RequireLabels = requireLabels,
        LabelNames = labelNames,
    };

    /// <summary>Rows as a data view; each row's Text[0] is set to its position.</summary>
    public static IDataView View(IEnumerable<UtteranceRow> rows)
    {
        var list = rows.ToList();
        for (int i = 0; i < list.Count; i++)
            list[i].Text[0] = i;
        return new MLContext(seed: 1).Data.LoadFromEnumerable(list);
    }

    /// <summary>Two interleaved conversations "b" and "a" with shuffled turns (b appears first).</summary>
    public static UtteranceRow[] ShuffledRows() =>
    [
        UtteranceRow.Make("b", 2, "Joey", "joy"),
        UtteranceRow.Make("a", 1, "F", "sad"),
        UtteranceRow.Make("b", 0, "Ross", "anger"),
        UtteranceRow.Make("a", 0, "M", "joy"),
        UtteranceRow.Make("b", 5, "Joey", "joy"), // gap: turns 0, 1, 2, 5 (allowed)
        UtteranceRow.Make("a", 2, "M", "neutral"),
        UtteranceRow.Make("b", 1, "Rachel", "neutral"),
    ];

    /// <summary>Reads <paramref name="rows"/> and returns the exception the reader throws.</summary>
    public static ConversationDataException ReadExpectingError(IEnumerable<UtteranceRow> rows, ConversationReaderOptions? options = null) =>
        Assert.ThrowsExactly<ConversationDataException>(() => ConversationReader.Read(View(rows), options ?? Options()));
}
