using System.Text.Json;

namespace ElrGnn.Cli.Output;

/// <summary>
/// Writes metrics.json. Key names are a public contract: accuracy, weighted_f1, macro_f1, per_class_f1 (label → F1),
/// confusion (rows = truth, columns = prediction), labels, best_epoch, epochs_run, epoch_seconds_median,
/// precompute_seconds, inference_utterances_per_second, peak_memory_mb, device, seed; plus test_utterances, dataset,
/// data and cancelled. Training keys are left out by <c>evaluate</c>.
/// </summary>
internal static class MetricsJson
{
    /// <summary>Writes <paramref name="metrics"/> to <paramref name="path"/> (indented UTF-8 JSON).</summary>
    public static void Write(string path, RunMetrics metrics)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var r = metrics.Report;
        json.WriteStartObject();
        json.WriteNumber("accuracy", r.Accuracy);
        json.WriteNumber("weighted_f1", r.WeightedF1);
        json.WriteNumber("macro_f1", r.MacroF1);
        json.WriteStartObject("per_class_f1");
        for (int k = 0; k < r.Labels.Count; k++)
            json.WriteNumber(r.Labels[k], r.PerClassF1[k]);
        json.WriteEndObject();
        json.WriteStartArray("confusion");
        for (int t = 0; t < r.Labels.Count; t++)
        {
            json.WriteStartArray();
            for (int p = 0; p < r.Labels.Count; p++)
                json.WriteNumberValue(r.Confusion[t, p]);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteStartArray("labels");
        foreach (var label in r.Labels)
            json.WriteStringValue(label);
        json.WriteEndArray();
        json.WriteNumber("test_utterances", r.Total);
        // A training run always writes its keys (null when, e.g., Ctrl-C came before the first epoch).
        bool training = metrics.EpochsRun is not null;
        Optional(json, "best_epoch", metrics.BestEpoch, training);
        Optional(json, "epochs_run", metrics.EpochsRun, training);
        Optional(json, "epoch_seconds_median", metrics.EpochSecondsMedian, training);
        Optional(json, "precompute_seconds", metrics.PrecomputeSeconds, training);
        json.WriteNumber("inference_utterances_per_second", metrics.InferenceUtterancesPerSecond);
        json.WriteNumber("peak_memory_mb", metrics.PeakMemoryMb);
        json.WriteString("device", metrics.Device);
        Optional(json, "seed", metrics.Seed, training);
        if (metrics.Dataset is not null)
            json.WriteString("dataset", metrics.Dataset);
        json.WriteString("data", metrics.Data);
        if (metrics.Cancelled is { } cancelled)
            json.WriteBoolean("cancelled", cancelled);
        json.WriteEndObject();
    }

    /// <summary>Median of <paramref name="values"/>; null when empty.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return null;
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static void Optional(Utf8JsonWriter json, string name, double? value, bool writeNull)
    {
        if (value is { } v && double.IsFinite(v))
            json.WriteNumber(name, v);
        else if (writeNull)
            json.WriteNull(name);
    }

    private static void Optional(Utf8JsonWriter json, string name, int? value, bool writeNull)
        => Optional(json, name, (double?)value, writeNull);
}
