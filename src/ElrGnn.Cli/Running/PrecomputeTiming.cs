using System.Diagnostics;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using Microsoft.ML;

namespace ElrGnn.Cli.Running;

/// <summary>Times the graph precompute (dilated GFP + top-k, spec §2.3) alone, on the training conversations.</summary>
internal static class PrecomputeTiming
{
    /// <summary>Seconds that <see cref="ConversationGraphPrecompute.Run(IReadOnlyList{int[]}, ConversationGraphOptions, IProgress{int}?, CancellationToken)"/>
    /// takes on the conversations of <paramref name="data"/> (reading the rows is not timed).</summary>
    public static double Measure(MLContext ml, IDataView data, ConversationGraphOptions options)
    {
        var speakers = SpeakerSequences(ml, data);
        var watch = Stopwatch.StartNew();
        ConversationGraphPrecompute.Run(speakers, options);
        return watch.Elapsed.TotalSeconds;
    }

    // Per conversation, speaker ids (order of first appearance) in turn order.
    private static List<int[]> SpeakerSequences(MLContext ml, IDataView data)
    {
        var view = ml.Transforms.SelectColumns(ConversationColumns.ConversationId, ConversationColumns.Turn, ConversationColumns.Speaker)
            .Fit(data).Transform(data);
        return ml.Data.CreateEnumerable<TurnRow>(view, reuseRowObject: false)
            .GroupBy(r => r.DialogueId, StringComparer.Ordinal)
            .Select(g =>
            {
                var ids = new Dictionary<string, int>(StringComparer.Ordinal);
                return g.OrderBy(r => r.Turn).Select(r => ids.TryGetValue(r.Speaker, out var k) ? k : ids[r.Speaker] = ids.Count).ToArray();
            })
            .ToList();
    }

    private sealed class TurnRow
    {
        public string DialogueId { get; set; } = "";

        public int Turn { get; set; }

        public string Speaker { get; set; } = "";
    }
}
