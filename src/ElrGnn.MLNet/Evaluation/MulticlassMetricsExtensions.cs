using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Evaluation;

/// <summary>
/// The field's headline metrics (weighted F1, macro F1, per-class F1) over ML.NET's
/// <see cref="MulticlassClassificationMetrics"/>, computed from its confusion matrix.
/// </summary>
public static class MulticlassMetricsExtensions
{
    /// <summary>A full report. ML.NET's confusion matrix does not expose label names, so pass them
    /// (e.g. from the Score column's slot names); otherwise classes are named by index.</summary>
    public static ClassificationReport ToReport(this MulticlassClassificationMetrics metrics, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var cm = metrics.ConfusionMatrix;
        int c = cm.NumberOfClasses;
        var names = labels ?? Enumerable.Range(0, c).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var counts = new long[c, c];
        for (int t = 0; t < c; t++)
            for (int p = 0; p < c; p++)
                counts[t, p] = (long)Math.Round(cm.Counts[t][p]);
        return ClassificationReport.FromConfusion(names, counts);
    }

    /// <summary>Support-weighted F1 in [0, 1] (sklearn's average='weighted').</summary>
    public static double WeightedF1(this MulticlassClassificationMetrics metrics) => metrics.ToReport().WeightedF1;

    /// <summary>Macro F1 in [0, 1].</summary>
    public static double MacroF1(this MulticlassClassificationMetrics metrics) => metrics.ToReport().MacroF1;

    /// <summary>F1 per class, keyed by label name.</summary>
    public static IReadOnlyDictionary<string, double> PerClassF1(this MulticlassClassificationMetrics metrics) => metrics.ToReport().PerClassF1ByLabel;
}
