namespace ElrGnn.MLNet.Training;

/// <summary>
/// Validation metrics of the training loop (spec §2.8): accuracy and support-weighted F1 (sklearn
/// <c>f1_score(average='weighted')</c>) over utterances whose label is known.
/// </summary>
internal static class TrainingMetrics
{
    /// <summary>Accuracy and weighted F1.</summary>
    /// <param name="truth">True class per utterance; -1 entries are skipped.</param>
    /// <param name="predicted">Predicted class per utterance.</param>
    /// <param name="classCount">Number of classes C.</param>
    /// <returns>(accuracy, weighted F1), both in [0, 1]; (0, 0) when no label is known.</returns>
    public static (double Accuracy, double WeightedF1) Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classCount)
    {
        if (truth.Count != predicted.Count)
            throw new ArgumentException("Truth and predictions differ in length.", nameof(predicted));
        var tp = new long[classCount];
        var support = new long[classCount];
        var predictedCount = new long[classCount];
        long total = 0, correct = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            int y = truth[i], p = predicted[i];
            if (y < 0)
                continue;
            total++;
            support[y]++;
            if ((uint)p < (uint)classCount)
                predictedCount[p]++;
            if (p == y)
            {
                correct++;
                tp[y]++;
            }
        }
        if (total == 0)
            return (0, 0);
        double f1Sum = 0;
        for (int c = 0; c < classCount; c++)
        {
            long denominator = support[c] + predictedCount[c];
            double f1 = denominator == 0 ? 0 : 2.0 * tp[c] / denominator;   // 2TP / (2TP + FP + FN)
            f1Sum += f1 * support[c];
        }
        return (correct / (double)total, f1Sum / total);
    }
}
