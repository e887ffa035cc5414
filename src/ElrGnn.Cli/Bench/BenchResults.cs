namespace ElrGnn.Cli.Bench;

/// <summary>What one seed of one run measured.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="WeightedF1">Test weighted F1 in [0, 1].</param>
/// <param name="Accuracy">Test accuracy in [0, 1].</param>
/// <param name="MacroF1">Test macro F1 in [0, 1].</param>
/// <param name="TrainSeconds">Wall time of the whole fit (epochs, validation, model building).</param>
/// <param name="EpochSeconds">Optimisation time of each epoch (network runs; empty for context-free ones).</param>
/// <param name="EpochsRun">Epochs trained (network runs).</param>
/// <param name="BestEpoch">Epoch kept by validation (network runs).</param>
/// <param name="EpochGflop">Analytic GFLOP of one training epoch (network runs).</param>
/// <param name="ValidationWeightedF1">Validation weighted F1 of the kept epoch (network runs): what recipes are chosen by.</param>
/// <param name="MessagePassingConvolutions">Speaker-graph convolutions in the trained network (2 per block; 0 without
/// branch S); null for context-free runs.</param>
/// <param name="Predicted">Predicted class of each labelled test utterance, in <see cref="TestSlices"/> order (for the
/// breakdown; not written per seed).</param>
internal sealed record SeedResult(int Seed, double WeightedF1, double Accuracy, double MacroF1, double TrainSeconds,
    IReadOnlyList<double> EpochSeconds, int? EpochsRun = null, int? BestEpoch = null, double? EpochGflop = null, double? ValidationWeightedF1 = null,
    int? MessagePassingConvolutions = null, IReadOnlyList<int>? Predicted = null);

/// <summary>A run's seeds and their summary statistics (the bench.json row).</summary>
internal sealed class RunResult(BenchRun run)
{
    /// <summary>The run.</summary>
    public BenchRun Run { get; } = run;

    /// <summary>Seeds measured so far.</summary>
    public List<SeedResult> Seeds { get; } = [];

    /// <summary>Mean test weighted F1.</summary>
    public double WeightedF1Mean => Seeds.Average(s => s.WeightedF1);

    /// <summary>Sample standard deviation of the test weighted F1; null for one seed (no spread to report).</summary>
    public double? WeightedF1Sd => Seeds.Count < 2 ? null : StandardDeviation(Seeds.Select(s => s.WeightedF1).ToArray());

    /// <summary>Mean test accuracy.</summary>
    public double AccuracyMean => Seeds.Average(s => s.Accuracy);

    /// <summary>Mean test macro F1.</summary>
    public double MacroF1Mean => Seeds.Average(s => s.MacroF1);

    /// <summary>Median optimisation time per epoch over every epoch of every seed; null for context-free runs.</summary>
    public double? EpochSecondsMedian => Output.MetricsJson.Median(Seeds.SelectMany(s => s.EpochSeconds));

    /// <summary>Analytic GFLOP per training epoch; null for context-free runs.</summary>
    public double? EpochGflop => Seeds.FirstOrDefault()?.EpochGflop;

    /// <summary>Analytic GFLOP per epoch over the median epoch time.</summary>
    public double? AchievedGflops => EpochGflop is { } g && EpochSecondsMedian is { } s && s > 0 ? g / s : null;

    /// <summary>Speaker-graph convolutions of the trained network; null for context-free runs.</summary>
    public int? MessagePassingConvolutions => Seeds.FirstOrDefault()?.MessagePassingConvolutions;

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}
