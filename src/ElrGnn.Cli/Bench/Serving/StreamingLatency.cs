using System.Diagnostics;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Prediction;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.Cli.Bench.Serving;

/// <summary>
/// Latency of the public streaming API: one long synthetic conversation (two speakers, random features of the
/// model's widths) fed turn by turn to <c>ConversationStream.Add</c>; the latency at turn T is the median of the Adds
/// of turns T … T + samples − 1. Turns in between are added untimed.
/// </summary>
internal static class StreamingLatency
{
    /// <summary>The turns whose latency is reported (those not beyond the conversation's length).</summary>
    public static readonly int[] MeasuredTurns = [10, 100, 1_000];

    /// <summary>Feeds a conversation of up to <paramref name="maxTurn"/> + <paramref name="samples"/> − 1 turns.</summary>
    /// <param name="ml">The context.</param>
    /// <param name="setup">The model's scoring steps and the prepared test schema (vector sizes).</param>
    /// <param name="maxTurn">Longest turn to measure (≥ 10): turns 10, 100 and 1,000 up to it.</param>
    /// <param name="samples">Timed Adds per measured turn (≥ 1).</param>
    /// <param name="cancellation">Checked between turns.</param>
    public static StreamingResult Measure(MLContext ml, ServingSetup setup, int maxTurn, int samples, CancellationToken cancellation)
    {
        var turns = MeasuredTurns.Where(t => t <= maxTurn).ToArray();
        int length = turns.Length == 0 ? 0 : turns[^1] + samples - 1;
        var predictor = setup.Scoring.CreateConversationPredictor<StreamTurn, StreamScore>(ml, setup.Test.Schema);
        var stream = predictor.StartConversation();
        var widths = Widths(setup.Test.Schema);
        var random = new Random(7);
        var timed = turns.ToDictionary(t => t, _ => new List<double>());
        for (int turn = 1; turn <= length; turn++)
        {
            cancellation.ThrowIfCancellationRequested();
            var next = new StreamTurn
            {
                DialogueId = "stream", Turn = turn, Speaker = turn % 2 == 0 ? "B" : "A",
                Text = Features(random, widths[0]), Audio = Features(random, widths[1]), Visual = Features(random, widths[2]),
            };
            var clock = Stopwatch.StartNew();
            stream.Add(next);
            double ms = clock.Elapsed.TotalMilliseconds;
            foreach (var t in turns)
                if (turn >= t && turn < t + samples)
                    timed[t].Add(ms);
        }
        return new StreamingResult(length, [.. turns.Select(t => new StreamLatency(t, timed[t]))]);
    }

    // Fixed-size vector columns of the input need exactly their size; columns the input lacks stay empty.
    private static int[] Widths(DataViewSchema schema) =>
        [.. new[] { ConversationColumns.Text, ConversationColumns.Audio, ConversationColumns.Visual }
            .Select(name => schema.GetColumnOrNull(name)?.Type is VectorDataViewType { Size: var size } ? size : 0)];

    private static float[] Features(Random random, int width)
    {
        var values = new float[width];
        for (int i = 0; i < width; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
