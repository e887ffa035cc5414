using ElrGnn.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.Data;

[TestClass]
public sealed class SyntheticConversationsTests
{
    [TestMethod]
    public void Rows_SameSeed_AreIdentical()
    {
        var a = new SyntheticConversations(Small(seed: 3)).Rows;
        var b = new SyntheticConversations(Small(seed: 3)).Rows;

        Assert.HasCount(a.Count, b);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.AreEqual(Describe(a[i]), Describe(b[i]));
            CollectionAssert.AreEqual(a[i].Text, b[i].Text);
            CollectionAssert.AreEqual(a[i].Audio, b[i].Audio);
            CollectionAssert.AreEqual(a[i].Visual, b[i].Visual);
        }
    }

    [TestMethod]
    public void Rows_DifferentSeed_Differ()
    {
        var a = new SyntheticConversations(Small(seed: 3)).Rows;
        var b = new SyntheticConversations(Small(seed: 4)).Rows;

        var labelsA = string.Join(",", a.Select(r => r.Label));
        var labelsB = string.Join(",", b.Select(r => r.Label));
        Assert.AreNotEqual(labelsA, labelsB);
        Assert.AreNotEqual(a[0].Text[0], b[0].Text[0]);
    }

    [TestMethod]
    public void Rows_RespectOptions_LengthsSpeakersClassesSplits()
    {
        var options = Small(seed: 2);
        options.NumberOfSpeakers = 4;
        options.NumberOfClasses = 3;
        var generator = new SyntheticConversations(options);

        var byDialogue = generator.Rows.GroupBy(r => r.DialogueId).ToArray();

        Assert.HasCount(options.NumberOfConversations, byDialogue);
        Assert.IsTrue(byDialogue.All(d => d.Count() >= options.MinLength && d.Count() <= options.MaxLength));
        Assert.IsTrue(byDialogue.All(d => d.Select(r => r.Speaker).Distinct().Count() <= 4));
        Assert.IsTrue(byDialogue.Any(d => d.Select(r => r.Speaker).Distinct().Count() > 2));
        CollectionAssert.IsSubsetOf(generator.Rows.Select(r => r.Label).Distinct().ToArray(), new[] { "c0", "c1", "c2" });
        CollectionAssert.AreEqual(new[] { 14, 2, 4 },
            new[] { "train", "valid", "test" }.Select(s => byDialogue.Count(d => d.First().Split == s)).ToArray());
    }

    [TestMethod]
    public void ToDataView_Split_HasFixedSizeVectorsAndOnlyThatSplit()
    {
        var generator = new SyntheticConversations(Small(seed: 1));
        var view = generator.ToDataView(new MLContext(seed: 1), SyntheticConversations.ValidSplit);

        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 32), view.Schema["Text"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 16), view.Schema["Visual"].Type);
        Assert.IsNull(view.Schema.GetColumnOrNull(nameof(SyntheticUtterance.IsAmbiguous)));
        var splits = view.GetColumn<string>("Split").Distinct().ToArray();
        CollectionAssert.AreEqual(new[] { "valid" }, splits);
    }

    [TestMethod]
    public void Rows_LateTurns_FollowTheOpeningTopicFarMoreThanChance()
    {
        var options = Small(seed: 5);
        options.NumberOfConversations = 200;
        options.MinLength = 16;
        options.MaxLength = 20;

        var late = new SyntheticConversations(options).Rows.Where(r => r.Turn >= 12).ToArray();
        double topicShare = late.Average(r => r.Label == $"c{r.Topic}" ? 1.0 : 0.0);

        // Chance is 1/6; the topic is only emitted at turns 0 and 1, so this is long-range context.
        Assert.IsGreaterThan(0.35, topicShare, $"topic share {topicShare:F3}");
    }

    [TestMethod]
    public void Rows_AmbiguousUtterances_ComeAtTheRequestedRateAndNeverInOpeningTurns()
    {
        var options = Small(seed: 6);
        options.NumberOfConversations = 200;
        var rows = new SyntheticConversations(options).Rows;

        var laterRows = rows.Where(r => r.Turn >= 2).ToArray();
        double rate = laterRows.Average(r => r.IsAmbiguous ? 1.0 : 0.0);

        Assert.IsFalse(rows.Any(r => r.Turn < 2 && r.IsAmbiguous));
        Assert.IsLessThan(0.05, Math.Abs(rate - options.AmbiguousFraction), $"rate {rate:F3}");
    }

    [TestMethod]
    public void ClassNames_MoreThanTenClasses_ReaderKeepsClassOrder()
    {
        var options = Small(seed: 8);
        options.NumberOfClasses = 12;
        options.NumberOfConversations = 60;
        var generator = new SyntheticConversations(options);

        var set = new ConversationReader().Read(generator.ToDataView(new MLContext(seed: 1)));

        Assert.AreEqual("c00", generator.ClassNames[0]);
        CollectionAssert.AreEqual(generator.ClassNames.Where(set.LabelNames.Contains).ToArray(), set.LabelNames.ToArray());
    }

    [TestMethod]
    public void Constructor_NineSpeakersAllowedTenRejected()
    {
        _ = new SyntheticConversations(new SyntheticConversationsOptions { NumberOfSpeakers = 9 });
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => new SyntheticConversations(new SyntheticConversationsOptions { NumberOfSpeakers = 10 }));
        Assert.AreEqual(nameof(SyntheticConversationsOptions.NumberOfSpeakers), e.ParamName);
    }

    private static SyntheticConversationsOptions Small(int seed) => new()
    {
        Seed = seed,
        NumberOfConversations = 20,
        MinLength = 4,
        MaxLength = 9,
    };

    private static string Describe(SyntheticUtterance r) =>
        $"{r.DialogueId}|{r.Turn}|{r.Speaker}|{r.Label}|{r.Split}|{r.Utterance}|{r.IsAmbiguous}|{r.Topic}";
}
