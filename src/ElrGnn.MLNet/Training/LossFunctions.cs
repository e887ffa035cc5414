using ElrGnn.MLNet.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Training;

/// <summary>
/// Loss of spec §2.7: weighted cross-entropy over the real, labelled utterances of a batch,
/// <c>L = − Σ_i ω_{y_i} log p_i[y_i] / Σ_i ω_{y_i}</c>, with class weights ω_c = 1/freq_c from the training labels.
/// </summary>
internal static class LossFunctions
{
    /// <summary>ω_c = 1/freq_c, freq_c = count_c / total over the known labels (-1 ignored); 0 for classes never seen.</summary>
    /// <param name="labels">Label arrays, e.g. one per training conversation.</param>
    /// <param name="classCount">Number of classes C.</param>
    /// <returns>C weights.</returns>
    public static float[] InverseFrequencyWeights(IEnumerable<int[]> labels, int classCount)
    {
        var counts = new long[classCount];
        long total = 0;
        foreach (var row in labels)
            foreach (int y in row)
                if (y >= 0 && y < classCount)
                {
                    counts[y]++;
                    total++;
                }
        var weights = new float[classCount];
        for (int c = 0; c < classCount; c++)
            weights[c] = counts[c] == 0 ? 0f : (float)(total / (double)counts[c]);
        return weights;
    }

    /// <summary>Weighted mean cross-entropy over nodes whose label is not -1.</summary>
    /// <param name="logits">(Nodes, C).</param>
    /// <param name="labels">(Nodes) int64, -1 = ignore.</param>
    /// <param name="classWeights">(C) weights, or null for unweighted.</param>
    /// <returns>A scalar tensor.</returns>
    public static Tensor WeightedCrossEntropy(Tensor logits, Tensor labels, Tensor? classWeights) =>
        nn.functional.cross_entropy(logits, labels, classWeights, ignore_index: -1, reduction: nn.Reduction.Mean);

    /// <summary>
    /// GRAND+ consistency regulariser (spec §2.7, off by default): with S DropNode samples p_s, sharpen their mean
    /// p̄ with temperature τ (p̃ ∝ p̄^{1/τ}, no gradient) and penalise <c>(1/S) Σ_s mean_i ||p_s,i − p̃_i||²</c> over the nodes
    /// whose mean confidence max_c p̄_i,c exceeds 2/C (labelled or not).
    /// </summary>
    /// <param name="logits">S ≥ 2 logit tensors (Nodes, C) from separate forward passes.</param>
    /// <param name="temperature">τ in (0, 1].</param>
    /// <returns>A scalar tensor (0 when no node is confident enough).</returns>
    public static Tensor Consistency(IReadOnlyList<Tensor> logits, double temperature)
    {
        using var scope = torch.NewDisposeScope();
        var probabilities = logits.Select(l => torch.softmax(l, -1)).ToArray();
        long classes = logits[0].shape[1];
        var mean = torch.stack(probabilities, 0).mean([0]);
        var sharpened = HeldScalar.With(1 / temperature, power => mean.pow(power));
        sharpened = (sharpened / sharpened.sum(-1, keepdim: true)).detach();
        var confident = HeldScalar.With(2.0 / classes, floor => mean.max(-1).values.gt(floor)).to_type(mean.dtype).detach();   // (Nodes)
        var count = HeldScalar.With(1L, one => confident.sum().clamp_min(one));
        var total = torch.zeros([], dtype: mean.dtype, device: mean.device);
        foreach (var p in probabilities)
        {
            var squared = HeldScalar.With(2L, two => (p - sharpened).pow(two));
            total = total + (squared.sum(-1) * confident).sum() / count;
        }
        return HeldScalar.With((long)probabilities.Length, n => total.div(n)).MoveToOuterDisposeScope();
    }
}
