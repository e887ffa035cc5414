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
        var speakers = ReadSpeakers(data, options);
        var watch = Stopwatch.StartNew();
        ConversationGraphPrecompute.Run(speakers, options);
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>The graph transform's own reading: per conversation, speaker ids by first appearance, in turn order.</summary>
    public static IReadOnlyList<int[]> ReadSpeakers(IDataView data, ConversationGraphOptions options) =>
        ConversationReader.Read(data, new ConversationReaderOptions
        {
            ConversationIdColumnName = options.ConversationIdColumnName,
            TurnColumnName = options.TurnColumnName,
            SpeakerColumnName = options.SpeakerColumnName,
            LabelColumnName = null,
            RequireLabels = false,
            FeatureColumnNames = [],
        }).Conversations.Select(c => c.SpeakerIndex).ToList();
}
