using ElrGnn.Cli.Bench;

namespace ElrGnn.MLNet.Tests.Bench;

/// <summary>Issue 12 item 6: "ELR-GNN above bilstm_only" is a paired comparison over seeds with a 95 % t-interval.</summary>
[TestClass]
public sealed class PairedComparisonTests
{
    [TestMethod]
    public void Of_HandComputedDifferences_GivesTheTInterval()
    {
        // d = 1, 2, 3, 0, 4 (points): mean 2, sd √(10/4) = 1.5811, t(0.975, 4) = 2.776445,
        // half-width 2.776445 · 1.5811 / √5 = 1.9632 → [0.0368, 3.9632].
        var c = PairedComparison.Of("a", "b", [1, 2, 3, 4, 5], [0.01, 0.02, 0.03, 0.00, 0.04]);

        Assert.AreEqual(0.02, c.MeanDifference, 1e-12);
        Assert.AreEqual(0.000368, c.Ci95Low!.Value, 1e-6);
        Assert.AreEqual(0.039632, c.Ci95High!.Value, 1e-6);
        Assert.AreEqual(PairedComparison.Better, c.Verdict);
    }

    [TestMethod]
    public void Verdict_PlusPointThreeWithSdNearOne_IsATie()
    {
        // The RESULTS.md case: +0.3 points mean, per-seed differences spread like sd 0.9.
        var c = PairedComparison.Of("elrgnn", "bilstm_only", [1, 2, 3, 4, 5], [0.013, -0.006, 0.003, 0.012, -0.007]);

        Assert.AreEqual(0.003, c.MeanDifference, 1e-12);
        Assert.IsLessThan(0, c.Ci95Low!.Value);
        Assert.IsGreaterThan(0, c.Ci95High!.Value);
        Assert.AreEqual(PairedComparison.Tie, c.Verdict);
    }

    [TestMethod]
    public void Verdict_IntervalBelowZero_IsWorse_AndOnePair_IsATieWithoutInterval()
    {
        var worse = PairedComparison.Of("a", "b", [1, 2, 3], [-0.02, -0.03, -0.025]);
        var single = PairedComparison.Of("a", "b", [1], [0.05]);

        Assert.AreEqual(PairedComparison.Worse, worse.Verdict);
        Assert.IsNull(single.Ci95Low);
        Assert.AreEqual(PairedComparison.Tie, single.Verdict, "one pair cannot show a difference");
    }

    [TestMethod]
    public void Of_Runs_PairsTheSameSeeds_AndADeterministicRunWithEverySeed()
    {
        var elr = Run("elrgnn", false, (1, 0.60), (2, 0.62), (3, 0.61));
        var lstm = Run("bilstm_only", false, (2, 0.60), (3, 0.60), (4, 0.99));
        var maxent = Run("context_free_maxent", true, (1, 0.50));

        var paired = PairedComparison.Of(elr, lstm);
        var deterministic = PairedComparison.Of(elr, maxent);

        CollectionAssert.AreEqual(new[] { 2, 3 }, paired.Seeds.ToArray(), "only seeds both runs have");
        Assert.AreEqual(0.015, paired.MeanDifference, 1e-12);
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, deterministic.Seeds.ToArray());
        Assert.AreEqual(0.11, deterministic.MeanDifference, 1e-12);
        Assert.AreEqual(PairedComparison.Better, deterministic.Verdict);
    }

    [TestMethod]
    public void TryOf_NoSharedSeed_IsNull_SoACutShortRunNeverBreaksTheReport()
    {
        var elr = Run("elrgnn", false, (1, 0.60), (2, 0.62));
        var other = Run("bilstm_only", false, (3, 0.60));

        Assert.IsNull(PairedComparison.TryOf(elr, other));
        Assert.IsNull(PairedComparison.TryOf(elr, Run("empty", false)));
    }

    [TestMethod]
    [DataRow(1, 12.706205)]
    [DataRow(4, 2.776445)]
    [DataRow(30, 2.042272)]
    [DataRow(100, 1.983972)]
    public void StudentT_Quantile975_MatchesTables(int degreesOfFreedom, double expected) =>
        Assert.AreEqual(expected, StudentT.Quantile975(degreesOfFreedom), 1e-6);

    private static RunResult Run(string name, bool seedIndependent, params (int Seed, double WeightedF1)[] seeds)
    {
        var result = new RunResult(new BenchRun(name, BenchRunKind.Network, name, SeedIndependent: seedIndependent));
        foreach (var (seed, f1) in seeds)
            result.Seeds.Add(new SeedResult(seed, f1, f1, f1, 1, []));
        return result;
    }
}
