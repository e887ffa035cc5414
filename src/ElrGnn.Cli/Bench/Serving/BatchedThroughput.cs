using System.Diagnostics;
using ElrGnn.MLNet.Training;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.Cli.Bench.Serving;

/// <summary>
/// Batched scoring of the whole test split, with 1 and with 2 scoring threads: through <c>Transform</c> (graph step
/// included, every Score read back, as an ML.NET consumer does) and through the network's own scoring of
/// conversations already read with Π already computed (the raw predictor path). One untimed warm-up pass each.
/// </summary>
internal static class BatchedThroughput
{
    /// <summary>Measures both paths; the model's scoring thread count is restored afterwards.</summary>
    public static BatchedResult Measure(ServingSetup setup, int passes, CancellationToken cancellation)
    {
        var network = setup.Network;
        var set = network.Reader().Read(setup.Test);
        var graphs = ConversationGraphTransformer.Precompute(set.Conversations, network.GraphOptions);
        int threadsBefore = network.ScoringThreads;
        try
        {
            ScalingResult Scaling(Action pass) => new(Time(network, 1, passes, set.RowCount, pass, cancellation),
                Time(network, 2, passes, set.RowCount, pass, cancellation));
            var transform = Scaling(() => TransformPass(setup));
            var predictor = Scaling(() => network.Score(set.Conversations, graphs));
            double passGflop = FlopModel.Forward(network.NetworkConfig, set.Conversations.Select(c => c.Length),
                network.SpeakerWindow.Past, network.SpeakerWindow.Future, network.GraphOptions.TopK) / 1e9;
            return new BatchedResult(set.RowCount, set.Conversations.Count, passes, NetworkPredictor.DefaultBatchSize, passGflop, transform, predictor);
        }
        finally
        {
            network.ScoringThreads = threadsBefore;
        }
    }

    private static ThroughputResult Time(ElrGnnTransformer network, int threads, int passes, long utterances, Action pass,
        CancellationToken cancellation)
    {
        network.ScoringThreads = threads;
        pass(); // warm-up: libtorch's allocator and thread pools, JIT
        var seconds = new List<double>(passes);
        for (int p = 0; p < passes; p++)
        {
            cancellation.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            pass();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        return new ThroughputResult(threads, seconds, utterances);
    }

    private static void TransformPass(ServingSetup setup)
    {
        var scored = setup.Scoring.Transform(setup.Test);
        var score = scored.Schema[ElrGnnTransformer.ScoreColumnName];
        using var cursor = scored.GetRowCursor([score]);
        var getter = cursor.GetGetter<VBuffer<float>>(score);
        var buffer = default(VBuffer<float>);
        while (cursor.MoveNext())
            getter(ref buffer);
    }
}
