namespace ElrGnn.MLNet.Evaluation;

/// <summary>
/// The field's headline metrics computed from a confusion matrix (rows = truth, columns = prediction):
/// accuracy, weighted F1 (sklearn <c>f1_score(average='weighted')</c>), macro F1 and per-class F1.
/// </summary>
public sealed class ClassificationReport
{
    private ClassificationReport(IReadOnlyList<string> labels, long[,] confusion)
    {
        Labels = labels;
        Confusion = confusion;
        int c = labels.Count;
        var f1 = new double[c];
        var precision = new double[c];
        var recall = new double[c];
        var support = new long[c];
        long total = 0, correct = 0;
        for (int k = 0; k < c; k++)
        {
            long tp = confusion[k, k], rowSum = 0, colSum = 0;
            for (int j = 0; j < c; j++)
            {
                rowSum += confusion[k, j];
                colSum += confusion[j, k];
            }
            support[k] = rowSum;
            total += rowSum;
            correct += tp;
            // sklearn's zero_division=0 convention: an empty denominator gives 0.
            precision[k] = colSum == 0 ? 0 : (double)tp / colSum;
            recall[k] = rowSum == 0 ? 0 : (double)tp / rowSum;
            f1[k] = precision[k] + recall[k] == 0 ? 0 : 2 * precision[k] * recall[k] / (precision[k] + recall[k]);
        }
        PerClassF1 = f1;
        PerClassPrecision = precision;
        PerClassRecall = recall;
        Support = support;
        Total = total;
        Accuracy = total == 0 ? 0 : (double)correct / total;
        WeightedF1 = total == 0 ? 0 : Enumerable.Range(0, c).Sum(k => f1[k] * support[k]) / total;
        // Macro F1 averages over the classes present in truth or prediction, as sklearn does over observed labels.
        var observed = Enumerable.Range(0, c).Where(k => support[k] > 0 || Column(confusion, k) > 0).ToList();
        MacroF1 = observed.Count == 0 ? 0 : observed.Average(k => f1[k]);
    }

    /// <summary>Class names, index = class id.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Counts: [truth, prediction].</summary>
    public long[,] Confusion { get; }

    /// <summary>Fraction of correct predictions, in [0, 1].</summary>
    public double Accuracy { get; }

    /// <summary>Support-weighted mean of per-class F1, in [0, 1].</summary>
    public double WeightedF1 { get; }

    /// <summary>Unweighted mean of per-class F1 over observed classes, in [0, 1].</summary>
    public double MacroF1 { get; }

    /// <summary>F1 per class, in [0, 1].</summary>
    public IReadOnlyList<double> PerClassF1 { get; }

    /// <summary>Precision per class, in [0, 1].</summary>
    public IReadOnlyList<double> PerClassPrecision { get; }

    /// <summary>Recall per class, in [0, 1].</summary>
    public IReadOnlyList<double> PerClassRecall { get; }

    /// <summary>Number of true examples per class.</summary>
    public IReadOnlyList<long> Support { get; }

    /// <summary>Number of scored examples.</summary>
    public long Total { get; }

    /// <summary>Per-class F1 keyed by label name.</summary>
    public IReadOnlyDictionary<string, double> PerClassF1ByLabel =>
        Labels.Select((l, k) => (l, k)).ToDictionary(p => p.l, p => PerClassF1[p.k]);

    /// <summary>Builds the report from a confusion matrix of counts (rows = truth).</summary>
    public static ClassificationReport FromConfusion(IReadOnlyList<string> labels, long[,] confusion)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(confusion);
        if (confusion.GetLength(0) != labels.Count || confusion.GetLength(1) != labels.Count)
            throw new ArgumentException($"The confusion matrix must be {labels.Count}×{labels.Count}, one row and column per label.", nameof(confusion));
        return new ClassificationReport(labels, (long[,])confusion.Clone());
    }

    /// <summary>Builds the report from parallel arrays of true and predicted class ids; negative truths are skipped.</summary>
    public static ClassificationReport FromPredictions(IReadOnlyList<string> labels, IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (truth.Count != predicted.Count)
            throw new ArgumentException("truth and predicted must have the same length.");
        var confusion = new long[labels.Count, labels.Count];
        for (int i = 0; i < truth.Count; i++)
        {
            if (truth[i] < 0)
                continue;
            if (truth[i] >= labels.Count || predicted[i] < 0 || predicted[i] >= labels.Count)
                throw new ArgumentOutOfRangeException(nameof(predicted), $"Class id out of range at position {i}.");
            confusion[truth[i], predicted[i]]++;
        }
        return new ClassificationReport(labels, confusion);
    }

    private static long Column(long[,] m, int k)
    {
        long s = 0;
        for (int j = 0; j < m.GetLength(0); j++) s += m[j, k];
        return s;
    }
}
