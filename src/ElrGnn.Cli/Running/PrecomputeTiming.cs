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
    public static double Measure(IDataView data, ConversationGraphOptions options)
    {
        // The graph transform's own reading: ids, turns and speakers only (speaker ids by first appearance).
        var conversations = ConversationReader.Read(data, new ConversationReaderOptions
        {
            ConversationIdColumnName = options.ConversationIdColumnName,
            TurnColumnName = options.TurnColumnName,
            SpeakerColumnName = options.SpeakerColumnName,
            LabelColumnName = null,
            RequireLabels = false,
            FeatureColumnNames = [],
        }).Conversations;
        var speakers = conversations.Select(c => c.SpeakerIndex).ToList();
        var watch = Stopwatch.StartNew();
        ConversationGraphPrecompute.Run(speakers, options);
        return watch.Elapsed.TotalSeconds;
    }
}
