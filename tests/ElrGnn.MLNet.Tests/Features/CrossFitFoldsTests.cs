using ElrGnn.MLNet.Features.Tuning;

namespace ElrGnn.MLNet.Tests.Features;

[TestClass]
public sealed class CrossFitFoldsTests
{
    private static readonly string[] Groups =
        [.. Enumerable.Range(0, 60).Select(i => $"conv{(i * 7) % 13}")]; // 13 conversations, rows interleaved

    [TestMethod]
    public void Assign_RowsOfOneConversation_ShareAFoldAndEveryFoldIsUsed()
    {
        var folds = CrossFitFolds.Assign(Groups, 5, seed: 3);

        foreach (var conversation in Enumerable.Range(0, Groups.Length).GroupBy(i => Groups[i]))
            Assert.AreEqual(1, conversation.Select(i => folds[i]).Distinct().Count(), conversation.Key);
        CollectionAssert.AreEquivalent(new[] { 0, 1, 2, 3, 4 }, folds.Distinct().ToArray());
        var conversationsPerFold = Enumerable.Range(0, 5).Select(f => Groups.Where((_, i) => folds[i] == f).Distinct().Count()).ToArray();
        Assert.IsLessThanOrEqualTo(1, conversationsPerFold.Max() - conversationsPerFold.Min());
    }

    [TestMethod]
    public void TrainingRows_OfAFold_NeverContainARowOrConversationItEmbeds()
    {
        var folds = CrossFitFolds.Assign(Groups, 4, seed: 11);

        for (var f = 0; f < 4; f++)
        {
            var seen = CrossFitFolds.TrainingRows(folds, f);
            var embedded = CrossFitFolds.HeldOutRows(folds, f);
            Assert.IsEmpty(seen.Intersect(embedded));
            Assert.IsEmpty(seen.Select(i => Groups[i]).Intersect(embedded.Select(i => Groups[i])));
            Assert.AreEqual(Groups.Length, seen.Length + embedded.Length);
        }
        // Every row is embedded by exactly one fold's encoder.
        var embeddedBy = Enumerable.Range(0, 4).SelectMany(f => CrossFitFolds.HeldOutRows(folds, f)).ToArray();
        CollectionAssert.AreEquivalent(Enumerable.Range(0, Groups.Length).ToArray(), embeddedBy);
    }

    [TestMethod]
    public void Assign_SameSeed_SameFolds_OtherSeed_OtherFolds()
    {
        CollectionAssert.AreEqual(CrossFitFolds.Assign(Groups, 3, 1), CrossFitFolds.Assign(Groups, 3, 1));
        CollectionAssert.AreNotEqual(CrossFitFolds.Assign(Groups, 3, 1), CrossFitFolds.Assign(Groups, 3, 2));
    }

    [TestMethod]
    public void Assign_FewerConversationsThanFolds_Throws()
        => Assert.ThrowsExactly<ArgumentException>(() => CrossFitFolds.Assign(["a", "a", "b"], 3, 0));

    [TestMethod]
    public void WithPastTurns_TwoPastTurns_PrependsTheEarlierTurnsOfTheSameConversationWithSpeakers()
    {
        string[] texts = ["hi", "hello", "how are you", "other", "fine"];
        string[] groups = ["c1", "c1", "c1", "c2", "c1"];
        int[] turns = [0, 1, 2, 0, 3];
        string[] speakers = ["A", "B", "A", "C", "B"];

        var inputs = UtteranceRowReader.WithPastTurns(texts, groups, turns, speakers, past: 2);

        Assert.AreEqual("A: hi", inputs[0]);
        Assert.AreEqual("A: hi B: hello", inputs[1]);
        Assert.AreEqual("A: hi B: hello A: how are you", inputs[2]);
        Assert.AreEqual("C: other", inputs[3]);
        Assert.AreEqual("B: hello A: how are you B: fine", inputs[4]);
    }

    [TestMethod]
    public void LearningRateFactor_WarmupThenLinearDecay()
    {
        Assert.AreEqual(0.5, EncoderTuner.LearningRateFactor(0, 2, 10), 1e-12);
        Assert.AreEqual(1.0, EncoderTuner.LearningRateFactor(1, 2, 10), 1e-12);
        Assert.AreEqual(1.0, EncoderTuner.LearningRateFactor(2, 2, 10), 1e-12);
        Assert.AreEqual(0.125, EncoderTuner.LearningRateFactor(9, 2, 10), 1e-12);
    }
}
