using System.Text.Json;
using ElrGnn.MLNet.Features;

namespace ElrGnn.Cli.Bench;

/// <summary>Everything bench.json holds besides the runs: the data, the machine and the one-off measurements.</summary>
internal sealed class BenchReport
{
    /// <summary>"iemocap", "meld" or "synthetic".</summary>
    public required string Dataset { get; init; }

    /// <summary>What the features are (e.g. MiniLM text computed by the library).</summary>
    public required string Features { get; init; }

    /// <summary>The --data path, or "synthetic".</summary>
    public required string Data { get; init; }

    /// <summary>Seeds of every run.</summary>
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>Training utterances (train split).</summary>
    public required long TrainUtterances { get; init; }

    /// <summary>Test utterances.</summary>
    public required long TestUtterances { get; init; }

    /// <summary>Measured float32 GEMM peak of this machine through libtorch.</summary>
    public required double GemmPeakGflops { get; init; }

    /// <summary>Graph precompute seconds for every split of the data set.</summary>
    public required double PrecomputeSeconds { get; init; }

    /// <summary>Maximum epochs and patience the network runs used.</summary>
    public required string Recipe { get; init; }

    /// <summary>How the tuned text encoder was fine-tuned (null for frozen text or other features).</summary>
    public EncoderTuningSummary? EncoderTuning { get; init; }

    /// <summary>True when <see cref="EncoderTuning"/> was measured by this process (a cache miss); false when it comes from
    /// the tuned-encoder cache, i.e. an earlier process, whose GEMM peak may differ.</summary>
    public bool EncoderTunedInThisProcess { get; init; }

    /// <summary>Achieved GFLOP/s of the fine-tuning (analytic FLOP per piece × pieces/s).</summary>
    public double? EncoderTuningGflops => EncoderTuning is { } t ? t.TokensPerSecond * FlopModel.EncoderTuningPerToken / 1e9 : null;

    /// <summary>The labelled test utterances' slices for <see cref="Breakdown"/> (null: no breakdown).</summary>
    public TestSlices? Slices { get; init; }

    /// <summary>Class names in key order.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Where the graph helps: <see cref="SliceComparison.Pairs"/> broken down by slice and class.</summary>
    public IEnumerable<SliceComparison> Breakdown() => Slices is null ? [] : SliceComparison.Pairs
        .Where(p => Find(p.A) is not null && Find(p.B) is not null)
        .SelectMany(p => SliceComparison.Of(Find(p.A)!, Find(p.B)!, Slices, Labels));

    /// <summary>Runs measured so far.</summary>
    public List<RunResult> Runs { get; } = [];

    /// <summary>ELR-GNN's batched inference throughput (test split, graph step included).</summary>
    public double? InferenceUtterancesPerSecond { get; set; }

    /// <summary>Process peak resident memory so far.</summary>
    public double PeakMemoryMb { get; set; }

    /// <summary>ELR-GNN against every other measured run: paired over the same seeds, with a 95 % interval.</summary>
    public IEnumerable<PairedComparison> Comparisons()
    {
        if (Find("elrgnn") is not { } elr)
            yield break;
        foreach (var other in Runs.Where(r => r.Seeds.Count > 0 && r != elr))
        {
            if (PairedComparison.TryOf(elr, other) is { } comparison) // no shared seed (a cut-short run): nothing to pair
                yield return comparison;
        }
    }

    /// <summary>The issues' targets that this run can check, each with its measured value (null when a run is missing) and
    /// the issue that set it.</summary>
    public IEnumerable<BenchTarget> Targets()
    {
        const string Issue6 = "issue 6 (bench targets)";
        var elr = Find("elrgnn");
        var contextFree = Runs.Where(r => r.Run.Kind != BenchRunKind.Network && r.Seeds.Count > 0).ToArray();
        double? gainThreshold = Dataset switch { "iemocap" => 8, "meld" => 2, _ => null };
        double? gain = elr is null || contextFree.Length == 0 ? null : 100 * (elr.WeightedF1Mean - contextFree.Max(r => r.WeightedF1Mean));
        yield return new("weighted_f1_gain_over_best_context_free_points", gain, gainThreshold, AtLeast: true, Issue6);
        var overBiLstm = Comparisons().FirstOrDefault(c => c.B == "bilstm_only");
        yield return new("weighted_f1_gain_over_bilstm_only_points", 100 * overBiLstm?.MeanDifference, Dataset == "iemocap" ? 1.0 : null, AtLeast: true,
            "issue 12 (ELR-GNN − bilstm_only ≥ +1.0 with a paired 95 % interval above 0)", RequireIntervalAbove0: true,
            IntervalLow: 100 * overBiLstm?.Ci95Low, IntervalHigh: 100 * overBiLstm?.Ci95High);
        yield return new("epoch_ratio_to_full_graph_rgcn", Ratio(elr, Find("full_graph_rgcn")), 0.5, AtLeast: false, Issue6);
        yield return new("epoch_ratio_to_bilstm_only", Ratio(elr, Find("bilstm_only")), 2, AtLeast: false, Issue6);
        yield return new("elrgnn_epoch_seconds", elr?.EpochSecondsMedian, Dataset == "iemocap" ? 1.7 : null, AtLeast: false,
            "issue 6 (a quarter of the PyTorch ELR-GNN epoch quoted there)");
        yield return new("precompute_seconds", PrecomputeSeconds, 1, AtLeast: false, Issue6);
        yield return new("inference_utterances_per_second", InferenceUtterancesPerSecond, 50_000, AtLeast: true, Issue6);
        yield return new("peak_memory_mb", PeakMemoryMb, Dataset == "meld" ? 2048 : null, AtLeast: false, Issue6);
        if (EncoderTuning is null)
            yield break;
        const string Issue12 = "issue 12 (emotion-tuned text features)";
        yield return new("tuned_elrgnn_weighted_f1_percent", 100 * elr?.WeightedF1Mean, Dataset switch { "iemocap" => 64, "meld" => 60, _ => null },
            AtLeast: true, Issue12);
        yield return new("encoder_only_weighted_f1_percent", 100 * Find("encoder_only")?.WeightedF1Mean,
            Dataset switch { "iemocap" => 52, "meld" => 59, _ => null }, AtLeast: true, Issue12);
        yield return new("encoder_tuning_seconds_per_epoch", EncoderTuning.SecondsPerEpoch, Dataset == "iemocap" ? 120 : null, AtLeast: false,
            Issue12 + ": ≤ 2 min per IEMOCAP epoch, or the share-of-peak target below");
        yield return new("encoder_tuning_share_of_gemm_peak", EncoderTuningGflops / GemmPeakGflops, 0.3, AtLeast: true,
            Issue12 + (EncoderTunedInThisProcess ? "" : "; the tuning was timed by an earlier process (tuned-encoder cache), so this ratio spans two runs"));
        yield return new("tuned_peak_memory_mb", PeakMemoryMb, 4096, AtLeast: false, Issue12);
    }

    /// <summary>Where the figures in bench.json that are not plain measurements come from.</summary>
    public static IReadOnlyList<(string Figure, string Source)> FigureSources { get; } =
    [
        ("runs[].weighted_f1_*, accuracy_mean, macro_f1_mean, epoch_seconds_median, per_seed", "measured by this bench process (test split; epoch kept on the valid split)"),
        ("runs[].epoch_gflop", "analytic count of the matrix products (src/ElrGnn.Cli/Bench/FlopModel.cs), not measured"),
        ("runs[].achieved_gflops", "analytic epoch_gflop over the measured median epoch seconds"),
        ("encoder_tuning", "measured by the process that fine-tuned the encoder (tuned_in_this_process says whether that is this one); " +
            "gflop_per_token is analytic (FlopModel.EncoderTuningPerToken)"),
        ("runs[encoder_only].train_seconds_mean", "the encoder's fine-tuning time (encoder_tuning), not a separate fit"),
        ("gemm_peak_gflops", "measured by this bench process (best of 8 float32 1024² matmuls through libtorch)"),
        ("inference_utterances_per_second", $"measured by this bench process: median of {BenchRunner.InferencePasses} timed passes over the test split after a warm-up pass"),
        ("comparisons", "computed from per_seed: mean of the paired per-seed differences, 95 % Student-t interval"),
        ("breakdown", "computed from each seed's test predictions as comparisons are: weighted F1 on the slice's utterances (class_f1: " +
            "that class's F1 on all of them); distance_to_same_emotion = turns back to the last utterance with the same gold emotion"),
        ("targets[].threshold", "set by the issue named in targets[].source, not by this bench"),
        ("recipe", "the CLI preset, chosen on IEMOCAP's valid split (RESULTS.md, \"How the recipe was chosen\")"),
    ];

    private RunResult? Find(string name) => Runs.FirstOrDefault(r => r.Run.Name == name && r.Seeds.Count > 0);

    private static double? Ratio(RunResult? a, RunResult? b) =>
        a?.EpochSecondsMedian is { } x && b?.EpochSecondsMedian is { } y && y > 0 ? x / y : null;

    /// <summary>Writes bench.json (indented UTF-8). Key names are a contract: dataset, features, runs[{name,
    /// weighted_f1_mean, weighted_f1_sd, accuracy_mean, macro_f1_mean, epoch_seconds_median, seeds}], plus extras.</summary>
    public void Write(string path)
    {
        string temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("dataset", Dataset);
            json.WriteString("features", Features);
            json.WriteString("data", Data);
            json.WriteString("recipe", Recipe);
            json.WriteNumber("train_utterances", TrainUtterances);
            json.WriteNumber("test_utterances", TestUtterances);
            MachineInfo.Write(json);
            json.WriteNumber("gemm_peak_gflops", GemmPeakGflops);
            json.WriteNumber("precompute_seconds", PrecomputeSeconds);
            Number(json, "inference_utterances_per_second", InferenceUtterancesPerSecond);
            json.WriteNumber("inference_passes", BenchRunner.InferencePasses);
            json.WriteNumber("peak_memory_mb", PeakMemoryMb);
            if (EncoderTuning is { } tuning)
                WriteEncoderTuning(json, tuning);
            json.WriteStartArray("runs");
            foreach (var run in Runs.Where(r => r.Seeds.Count > 0))
                WriteRun(json, run);
            json.WriteEndArray();
            json.WriteStartArray("comparisons");
            foreach (var c in Comparisons())
                WriteComparison(json, c);
            json.WriteEndArray();
            json.WriteStartArray("breakdown");
            foreach (var slice in Breakdown())
                WriteSlice(json, slice);
            json.WriteEndArray();
            json.WriteStartArray("targets");
            foreach (var t in Targets())
                WriteTarget(json, t);
            json.WriteEndArray();
            json.WriteStartObject("figure_sources");
            foreach (var (figure, source) in FigureSources)
                json.WriteString(figure, source);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        File.Move(temp, path, overwrite: true); // a reader never sees half a file
    }

    private void WriteEncoderTuning(Utf8JsonWriter json, EncoderTuningSummary t)
    {
        json.WriteStartObject("encoder_tuning");
        json.WriteBoolean("tuned_in_this_process", EncoderTunedInThisProcess);
        json.WriteNumber("seed", t.Seed);
        json.WriteNumber("training_rows", t.TrainingRows);
        json.WriteNumber("epochs", t.EpochLosses.Count);
        json.WriteNumber("best_epoch", t.BestEpoch);
        Numbers(json, "epoch_losses", t.EpochLosses.Select(l => (double?)l));
        Numbers(json, "validation_weighted_f1", t.ValidationWeightedF1);
        json.WriteNumber("seconds_per_epoch", t.SecondsPerEpoch);
        json.WriteNumber("tokens_per_second", t.TokensPerSecond);
        json.WriteNumber("gflop_per_token", FlopModel.EncoderTuningPerToken / 1e9);
        Number(json, "achieved_gflops", EncoderTuningGflops);
        Number(json, "achieved_share_of_gemm_peak", EncoderTuningGflops / GemmPeakGflops);
        json.WriteNumber("cross_fit_folds", t.CrossFitFolds);
        json.WriteEndObject();
    }

    private static void WriteSlice(Utf8JsonWriter json, SliceComparison s)
    {
        json.WriteStartObject();
        json.WriteString("a", s.Comparison.A);
        json.WriteString("b", s.Comparison.B);
        json.WriteString("kind", s.Kind);
        json.WriteString("slice", s.Slice);
        json.WriteNumber("utterances", s.Utterances);
        json.WriteNumber("a_mean", s.AMean);
        json.WriteNumber("b_mean", s.BMean);
        json.WriteNumber("mean_difference", s.Comparison.MeanDifference);
        Number(json, "ci95_low", s.Comparison.Ci95Low);
        Number(json, "ci95_high", s.Comparison.Ci95High);
        json.WriteString("verdict", s.Comparison.Verdict);
        json.WriteEndObject();
    }

    private static void WriteComparison(Utf8JsonWriter json, PairedComparison c)
    {
        json.WriteStartObject();
        json.WriteString("a", c.A);
        json.WriteString("b", c.B);
        json.WriteNumber("mean_difference", c.MeanDifference);
        Number(json, "ci95_low", c.Ci95Low);
        Number(json, "ci95_high", c.Ci95High);
        Numbers(json, "seeds", c.Seeds.Select(seed => (double?)seed));
        json.WriteString("verdict", c.Verdict);
        json.WriteEndObject();
    }

    private static void WriteTarget(Utf8JsonWriter json, BenchTarget t)
    {
        json.WriteStartObject();
        json.WriteString("name", t.Name);
        Number(json, "value", t.Value);
        Number(json, "threshold", t.Threshold);
        json.WriteString("direction", t.AtLeast ? ">=" : "<=");
        if (t.RequireIntervalAbove0)
        {
            Number(json, "ci95_low", t.IntervalLow);
            Number(json, "ci95_high", t.IntervalHigh);
            json.WriteBoolean("requires_ci95_above_zero", true);
        }
        if (t.Met is { } met) json.WriteBoolean("met", met); else json.WriteNull("met");
        json.WriteString("source", t.Source);
        json.WriteEndObject();
    }

    private void WriteRun(Utf8JsonWriter json, RunResult run)
    {
        json.WriteStartObject();
        json.WriteString("name", run.Run.Name);
        json.WriteString("description", run.Run.Description);
        json.WriteNumber("weighted_f1_mean", run.WeightedF1Mean);
        Number(json, "weighted_f1_sd", run.WeightedF1Sd);
        json.WriteNumber("accuracy_mean", run.AccuracyMean);
        json.WriteNumber("macro_f1_mean", run.MacroF1Mean);
        Number(json, "epoch_seconds_median", run.EpochSecondsMedian);
        Numbers(json, "seeds", run.Seeds.Select(s => (double?)s.Seed));
        json.WriteBoolean("seed_independent", run.Run.SeedIndependent);
        Number(json, "message_passing_convolutions", run.MessagePassingConvolutions);
        Number(json, "epoch_gflop", run.EpochGflop);
        Number(json, "achieved_gflops", run.AchievedGflops);
        Number(json, "achieved_share_of_gemm_peak", run.AchievedGflops / GemmPeakGflops);
        json.WriteNumber("train_seconds_mean", run.Seeds.Average(s => s.TrainSeconds));
        json.WriteStartArray("per_seed");
        foreach (var s in run.Seeds)
        {
            json.WriteStartObject();
            json.WriteNumber("seed", s.Seed);
            json.WriteNumber("weighted_f1", s.WeightedF1);
            json.WriteNumber("accuracy", s.Accuracy);
            json.WriteNumber("macro_f1", s.MacroF1);
            json.WriteNumber("train_seconds", s.TrainSeconds);
            Number(json, "epochs_run", s.EpochsRun);
            Number(json, "best_epoch", s.BestEpoch);
            Number(json, "valid_weighted_f1", s.ValidationWeightedF1);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes <paramref name="value"/>, or null when it is missing or not finite.</summary>
    internal static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) json.WriteNumber(name, v); else json.WriteNull(name);
    }

    /// <summary>An array of numbers, null (or not finite) as JSON null.</summary>
    private static void Numbers(Utf8JsonWriter json, string name, IEnumerable<double?> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            if (value is { } v && double.IsFinite(v)) json.WriteNumberValue(v); else json.WriteNullValue();
        json.WriteEndArray();
    }
}

/// <summary>One target of an issue: a measured value against a threshold (null threshold: reported, not judged here).</summary>
/// <param name="Name">The target's key in bench.json.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Threshold">The issue's threshold; null: reported only.</param>
/// <param name="AtLeast">Met when value ≥ threshold (else ≤).</param>
/// <param name="Source">The issue that set the threshold.</param>
/// <param name="RequireIntervalAbove0">Also met only when the paired 95 % interval's low end is above 0.</param>
/// <param name="IntervalLow">Low end of that interval.</param>
/// <param name="IntervalHigh">High end of that interval.</param>
internal sealed record BenchTarget(string Name, double? Value, double? Threshold, bool AtLeast, string Source,
    bool RequireIntervalAbove0 = false, double? IntervalLow = null, double? IntervalHigh = null)
{
    /// <summary>True/false when both value and threshold are known, else null.</summary>
    public bool? Met => Value is { } v && Threshold is { } t
        ? (AtLeast ? v >= t : v <= t) && (!RequireIntervalAbove0 || IntervalLow > 0)
        : null;
}
