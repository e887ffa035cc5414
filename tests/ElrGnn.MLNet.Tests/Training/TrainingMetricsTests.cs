using ElrGnn.MLNet.Evaluation;
using ElrGnn.MLNet.Tests.Modules;
using ElrGnn.MLNet.Training;
using TorchSharp;

namespace ElrGnn.MLNet.Tests.Training;

[TestClass]
public sealed class TrainingMetricsTests
{
    [TestMethod]
    public void ValidationMetrics_MatchSklearnWeightedF1Example()
    {
        // The loop's validation metrics come from ClassificationReport.
        // sklearn f1_score docs: y_true [0,1,2,0,1,2], y_pred [0,2,1,0,0,1], average='weighted' → 0.2666…
        var report = ClassificationReport.FromPredictions(["0", "1", "2"], [0, 1, 2, 0, 1, 2, -1], [0, 2, 1, 0, 0, 1, 2]);
        var (accuracy, f1) = (report.Accuracy, report.WeightedF1);

        Assert.AreEqual(2.0 / 6, accuracy, 1e-12);
        Assert.AreEqual(0.26666666666666666, f1, 1e-12);
    }

    [TestMethod]
    public void InverseFrequencyWeights_AreOneOverFrequency_ZeroWhenUnseen()
    {
        var w = LossFunctions.InverseFrequencyWeights([[0, 0, -1], [0, 1]], 3);

        Assert.AreEqual(4f / 3, w[0], 1e-6f);
        Assert.AreEqual(4f, w[1], 1e-6f);
        Assert.AreEqual(0f, w[2]);
    }

    [TestMethod]
    public void Consistency_PenalisesDistanceToSharpenedMean_OnConfidentNodesOnly()
    {
        NetTestData.Torch();
        // Node 0: p = (0.7, 0.2, 0.1) in both samples (confident: 0.7 > 2/3); node 1 uniform (not confident).
        using var logits = torch.log(torch.tensor(new float[] { 0.7f, 0.2f, 0.1f, 1 / 3f, 1 / 3f, 1 / 3f }, [2, 3]));

        using var loss = LossFunctions.Consistency([logits, logits], temperature: 0.5);

        double[] p = [0.7, 0.2, 0.1];
        var sq = p.Select(v => v * v).ToArray();
        double expected = p.Select((v, c) => Math.Pow(v - sq[c] / sq.Sum(), 2)).Sum();
        Assert.AreEqual(expected, loss.item<float>(), 1e-6);
    }
}
