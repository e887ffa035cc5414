using System.Text.Json;

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

    /// <summary>Runs measured so far.</summary>
    public List<RunResult> Runs { get; } = [];

    /// <summary>ELR-GNN's batched inference throughput (test split, graph step included).</summary>
    public double? InferenceUtterancesPerSecond { get; set; }

    /// <summary>Process peak resident memory so far.</summary>
    public double PeakMemoryMb { get; set; }

    /// <summary>The targets that this run can check, each with its measured value (null when a run is missing).</summary>
    public IEnumerable<BenchTarget> Targets()
    {
        var elr = Find("elrgnn");
        var contextFree = Runs.Where(r => r.Run.Kind != BenchRunKind.Network).ToArray();
        double? gainThreshold = Dataset switch { "iemocap" => 8, "meld" => 2, _ => null };
        double? gain = elr is null || contextFree.Length == 0 ? null : 100 * (elr.WeightedF1Mean - contextFree.Max(r => r.WeightedF1Mean));
        yield return new("weighted_f1_gain_over_best_context_free_points", gain, gainThreshold, AtLeast: true);
        double? overBiLstm = elr is null || Find("bilstm_only") is not { } b ? null : 100 * (elr.WeightedF1Mean - b.WeightedF1Mean);
        yield return new("weighted_f1_gain_over_bilstm_only_points", overBiLstm, Dataset == "iemocap" ? 0 : null, AtLeast: true);
        yield return new("epoch_ratio_to_full_graph_rgcn", Ratio(elr, Find("full_graph_rgcn")), 0.5, AtLeast: false);
        yield return new("epoch_ratio_to_bilstm_only", Ratio(elr, Find("bilstm_only")), 2, AtLeast: false);
        yield return new("elrgnn_epoch_seconds", elr?.EpochSecondsMedian, Dataset == "iemocap" ? 1.7 : null, AtLeast: false);
        yield return new("precompute_seconds", PrecomputeSeconds, 1, AtLeast: false);
        yield return new("inference_utterances_per_second", InferenceUtterancesPerSecond, 50_000, AtLeast: true);
        yield return new("peak_memory_mb", PeakMemoryMb, Dataset == "meld" ? 2048 : null, AtLeast: false);
    }

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
            json.WriteNumber("peak_memory_mb", PeakMemoryMb);
            json.WriteStartArray("runs");
            foreach (var run in Runs.Where(r => r.Seeds.Count > 0))
                WriteRun(json, run);
            json.WriteEndArray();
            json.WriteStartArray("targets");
            foreach (var t in Targets())
            {
                json.WriteStartObject();
                json.WriteString("name", t.Name);
                Number(json, "value", t.Value);
                Number(json, "threshold", t.Threshold);
                json.WriteString("direction", t.AtLeast ? ">=" : "<=");
                if (t.Met is { } met) json.WriteBoolean("met", met); else json.WriteNull("met");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        File.Move(temp, path, overwrite: true); // a reader never sees half a file
    }

    private void WriteRun(Utf8JsonWriter json, RunResult run)
    {
        json.WriteStartObject();
        json.WriteString("name", run.Run.Name);
        json.WriteString("description", run.Run.Description);
        json.WriteNumber("weighted_f1_mean", run.WeightedF1Mean);
        json.WriteNumber("weighted_f1_sd", run.WeightedF1Sd);
        json.WriteNumber("accuracy_mean", run.AccuracyMean);
        json.WriteNumber("macro_f1_mean", run.MacroF1Mean);
        Number(json, "epoch_seconds_median", run.EpochSecondsMedian);
        json.WriteStartArray("seeds");
        foreach (var s in run.Seeds)
            json.WriteNumberValue(s.Seed);
        json.WriteEndArray();
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
}

/// <summary>One target of the issue: a measured value against a threshold (null threshold: reported, not judged here).</summary>
internal sealed record BenchTarget(string Name, double? Value, double? Threshold, bool AtLeast)
{
    /// <summary>True/false when both value and threshold are known, else null.</summary>
    public bool? Met => Value is { } v && Threshold is { } t ? (AtLeast ? v >= t : v <= t) : null;
}
