using ElrGnn.MLNet.Evaluation;

namespace ElrGnn.Cli.Bench;

/// <summary>
/// Where one run beats another: the paired comparison of <see cref="PairedComparison"/> restricted to one slice of the
/// test utterances (weighted F1 on the slice's rows) or to one class (that class's F1 over all rows).
/// </summary>
/// <param name="Kind">"conversation_length", "position", "distance_to_same_emotion" or "class_f1".</param>
/// <param name="Slice">The bucket or class name.</param>
/// <param name="Utterances">Test utterances in the slice (all of them for a class F1).</param>
/// <param name="AMean">Run A's mean over the paired seeds.</param>
/// <param name="BMean">Run B's mean over the paired seeds.</param>
/// <param name="Comparison">Paired differences A − B over seeds with the 95 % interval.</param>
internal sealed record SliceComparison(string Kind, string Slice, int Utterances, double AMean, double BMean, PairedComparison Comparison)
{
    /// <summary>The run pairs the bench breaks down when both were measured: the graph against the same encoder without it,
    /// against the full-graph baseline, and context against none.</summary>
    public static IReadOnlyList<(string A, string B)> Pairs { get; } =
        [("elrgnn", "bilstm_only"), ("elrgnn", "full_graph_rgcn"), ("bilstm_only", "encoder_only")];

    /// <summary>Every slice and class of <paramref name="slices"/> for runs <paramref name="a"/> and <paramref name="b"/>
    /// (nothing when either lacks per-utterance predictions).</summary>
    public static IEnumerable<SliceComparison> Of(RunResult a, RunResult b, TestSlices slices, IReadOnlyList<string> labels)
    {
        var pairs = PairedComparison.SeedPairs(a, b);
        if (pairs.Count == 0 || pairs.Any(p => p.A.Predicted is null || p.B.Predicted is null))
            yield break;
        var seeds = pairs.Select(p => p.Seed).ToArray();

        SliceComparison Compare(string kind, string name, int count, Func<IReadOnlyList<int>, double> metric)
        {
            var aValues = pairs.Select(p => metric(p.A.Predicted!)).ToArray();
            var bValues = pairs.Select(p => metric(p.B.Predicted!)).ToArray();
            var differences = aValues.Zip(bValues, (x, y) => x - y).ToArray();
            return new(kind, name, count, aValues.Average(), bValues.Average(), PairedComparison.Of(a.Run.Name, b.Run.Name, seeds, differences));
        }

        foreach (var (kind, name, rows) in slices.Slices)
            yield return Compare(kind, name, rows.Length, predicted => ClassificationReport.FromPredictions([.. labels],
                [.. rows.Select(r => slices.Truth[r])], [.. rows.Select(r => predicted[r])]).WeightedF1);
        for (int c = 0; c < labels.Count; c++)
        {
            int k = c;
            yield return Compare("class_f1", labels[c], slices.Truth.Length,
                predicted => ClassificationReport.FromPredictions([.. labels], slices.Truth, [.. predicted]).PerClassF1[k]);
        }
    }
}
