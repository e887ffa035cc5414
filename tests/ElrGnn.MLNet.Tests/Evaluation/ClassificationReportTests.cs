using ElrGnn.MLNet.Evaluation;

namespace ElrGnn.MLNet.Tests.Evaluation;

[TestClass]
public sealed class ClassificationReportTests
{
    // Truth rows, prediction columns. Hand computation (sklearn agrees):
    //   class a: tp 3, fp 1, fn 1 -> P .75, R .75, F1 .75, support 4
    //   class b: tp 2, fp 2, fn 1 -> P .5,  R 2/3, F1 4/7,  support 3
    //   class c: tp 0, fp 0, fn 1 -> P 0,   R 0,   F1 0,    support 1
    private static readonly long[,] Confusion = { { 3, 1, 0 }, { 1, 2, 0 }, { 0, 1, 0 } };

    [TestMethod]
    public void FromConfusion_SmallMatrix_MatchesHandComputedF1()
    {
        var r = ClassificationReport.FromConfusion(["a", "b", "c"], Confusion);
        Assert.AreEqual(5.0 / 8, r.Accuracy, 1e-12);
        Assert.AreEqual(0.75, r.PerClassF1[0], 1e-12);
        Assert.AreEqual(4.0 / 7, r.PerClassF1[1], 1e-12);
        Assert.AreEqual(0.0, r.PerClassF1[2], 1e-12);
        Assert.AreEqual((0.75 * 4 + 4.0 / 7 * 3) / 8, r.WeightedF1, 1e-12);
        Assert.AreEqual((0.75 + 4.0 / 7 + 0) / 3, r.MacroF1, 1e-12);
        Assert.AreEqual(4.0 / 7, r.PerClassF1ByLabel["b"], 1e-12);
    }

    [TestMethod]
    public void FromPredictions_SkipsUnknownTruth_AndEqualsConfusionRoute()
    {
        int[] truth = [0, 0, 0, 0, 1, 1, 1, 2, -1];
        int[] pred = [0, 0, 0, 1, 0, 1, 1, 1, 2];
        var r = ClassificationReport.FromPredictions(["a", "b", "c"], truth, pred);
        Assert.AreEqual(8, r.Total);
        CollectionAssert.AreEqual(Confusion, r.Confusion);
    }

    [TestMethod]
    public void FromConfusion_WrongShape_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => ClassificationReport.FromConfusion(["a", "b"], Confusion));
    }
}
