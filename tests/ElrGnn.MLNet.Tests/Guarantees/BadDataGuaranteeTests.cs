using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Tests.Data;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Guarantees;

/// <summary>
/// Promise: bad data either works as documented or raises one <see cref="ConversationDataException"/> naming the column,
/// the conversation and the turn; never a native crash, never NaN scores. Reader-level cases (mistyped column,
/// missing speaker / id, fractional turn, missing required label) are in Data/ConversationReaderErrorTests.
/// </summary>
[TestClass]
public sealed class BadDataGuaranteeTests
{
    private static GuaranteeModel M => GuaranteeModel.Instance;

    [TestMethod]
    [DataRow(float.NaN, "NaN")]
    [DataRow(float.PositiveInfinity, "Infinity")]
    [DataRow(float.NegativeInfinity, "-Infinity")]
    public void Predict_NonFiniteFeature_NamesColumnConversationAndTurn(float value, string said)
    {
        var conversation = M.TestConversations()[0];
        conversation[1].Audio[2] = value;

        var e = Assert.ThrowsExactly<ConversationDataException>(() => M.Scores(conversation));

        ConversationReaderErrorTests.AssertNames(e, "Audio", conversation[1].DialogueId, conversation[1].Turn);
        StringAssert.Contains(e.Message, said);
    }

    [TestMethod]
    public void Fit_NonFiniteFeature_NamesColumnConversationAndTurn()
    {
        var rows = M.Data.GetRows(SyntheticConversations.TrainSplit).Select(GuaranteeModel.Copy).ToList();
        rows[5].Visual[0] = float.NaN;

        var e = Assert.ThrowsExactly<ConversationDataException>(() => GuaranteeModel.Pipeline(M.MlContext).Fit(M.View(rows)));

        ConversationReaderErrorTests.AssertNames(e, "Visual", rows[5].DialogueId, rows[5].Turn);
    }

    [TestMethod]
    [DataRow(5)]
    [DataRow(9)]
    [DataRow(0)]
    public void Predict_FeatureVectorOfWrongLength_NamesColumnConversationAndTurn(int length)
    {
        var conversation = M.TestConversations()[1];
        conversation[^1].Text = new float[length];

        var e = Assert.ThrowsExactly<ConversationDataException>(() => M.Scores(conversation));

        ConversationReaderErrorTests.AssertNames(e, "Text", conversation[^1].DialogueId, conversation[^1].Turn);
        StringAssert.Contains(e.Message, "8");
    }

    [TestMethod]
    public void Predict_MissingFeatureColumn_NamesItAndListsTheOthers()
    {
        var rows = M.TestConversations()[0].Select(r => new { r.DialogueId, r.Turn, r.Speaker, r.Label, r.Text, r.Audio }).ToList();
        var view = M.MlContext.Data.LoadFromEnumerable(rows);

        var e = Assert.ThrowsExactly<ConversationDataException>(() => M.Model.Transform(view));

        Assert.AreEqual("Visual", e.Column);
        StringAssert.Contains(e.Message, "'Visual'");
        StringAssert.Contains(e.Message, "'Audio'");
    }

    [TestMethod]
    public void Predict_MistypedTurnColumn_NamesColumnAndType()
    {
        var rows = M.TestConversations()[0].Select(r => new { r.DialogueId, Turn = $"t{r.Turn}", r.Speaker, r.Label, r.Text, r.Audio, r.Visual }).ToList();
        var view = M.MlContext.Data.LoadFromEnumerable(rows);

        var e = Assert.ThrowsExactly<ConversationDataException>(() => M.Scores(view));

        Assert.AreEqual("Turn", e.Column);
        StringAssert.Contains(e.Message, "String");
    }

    [TestMethod]
    public void Predict_NoRows_ReturnsNoRows_Fit_NoRows_NamesTheIdColumn()
    {
        Assert.IsEmpty(M.Scores(Array.Empty<SyntheticUtterance>()));

        var e = Assert.ThrowsExactly<ConversationDataException>(() =>
            GuaranteeModel.Pipeline(M.MlContext).Fit(M.MlContext.Data.LoadFromEnumerable(Array.Empty<SyntheticUtterance>(), M.Data.CreateSchemaDefinition())));
        Assert.AreEqual("DialogueId", e.Column);
    }

    [TestMethod]
    public void Predict_DuplicateTurn_NamesTurnColumnConversationAndTurn()
    {
        var conversation = M.TestConversations()[0];
        conversation[2].Turn = conversation[1].Turn;

        var e = Assert.ThrowsExactly<ConversationDataException>(() => M.Scores(conversation));

        ConversationReaderErrorTests.AssertNames(e, "Turn", conversation[2].DialogueId, conversation[1].Turn);
        StringAssert.Contains(e.Message, "twice");
    }

    [TestMethod]
    public void Predict_MissingTurns_OnlyOrderMatters()
    {
        var conversation = M.TestConversations()[0];
        var expected = M.Scores(conversation);
        for (int i = 0; i < conversation.Count; i++)
            conversation[i].Turn = 10 + i * i * 7; // gaps of growing size

        GuaranteeModel.AssertBitIdentical(expected, M.Scores(conversation), "turns with gaps");
    }

    [TestMethod]
    public void Predict_UnknownSpeakers_OnlySameOrOtherSpeakerMatters()
    {
        var conversation = M.TestConversations()[0];
        var expected = M.Scores(conversation);
        foreach (var row in conversation)
            row.Speaker = "never-seen-" + row.Speaker; // a one-to-one renaming keeps every same/other relation

        GuaranteeModel.AssertBitIdentical(expected, M.Scores(conversation), "renamed speakers");
    }

    [TestMethod]
    public void Predict_UnknownOrMissingLabel_IsIgnored()
    {
        var conversation = M.TestConversations()[0];
        var expected = M.Scores(conversation);
        conversation[0].Label = "boredom";
        conversation[1].Label = "";

        GuaranteeModel.AssertBitIdentical(expected, M.Scores(conversation), "labels are not read when predicting");
    }

    [TestMethod]
    public void Fit_ClassAbsentFromTraining_KeepsItsScoreSlot_WithFiniteScores()
    {
        var ml = new MLContext(seed: 1);
        var train = M.Data.GetRows(SyntheticConversations.TrainSplit).Select(GuaranteeModel.Copy).ToList();
        var classes = M.Data.ClassNames.Concat(["surprise"]).ToArray(); // a fourth class no training row has
        var keys = ml.Data.LoadFromEnumerable(classes.Select(c => new { Label = c }));

        var model = GuaranteeModel.Pipeline(ml, labelKeys: keys).Fit(M.View(train));

        var scores = M.Scores(M.TestConversations()[0], model);
        GuaranteeModel.AssertProbabilities(scores, classes: 4);
    }

    [TestMethod]
    public void Fit_ValidationLabelAbsentFromTraining_NamesLabelColumnConversationAndTurn()
    {
        var options = GuaranteeModel.TrainerOptions();
        var valid = M.Data.GetRows(SyntheticConversations.ValidSplit).Select(GuaranteeModel.Copy).ToList();
        valid[3].Label = "surprise";
        options.ValidationSet = M.View(valid);
        var trainer = M.MlContext.Transforms.Conversion.MapValueToKey("Label").Append(M.MlContext.Transforms.PrecomputeConversationGraph(
            new ElrGnn.MLNet.Graph.ConversationGraphOptions { ConversationIdColumnName = "DialogueId", TurnColumnName = "Turn", SpeakerColumnName = "Speaker" }))
            .Append(M.MlContext.MulticlassClassification.Trainers.ElrGnn(options));

        var e = Assert.ThrowsExactly<ConversationDataException>(() => trainer.Fit(M.Train));

        ConversationReaderErrorTests.AssertNames(e, "Label", valid[3].DialogueId, valid[3].Turn);
        StringAssert.Contains(e.Message, "'surprise'");
    }

    [TestMethod]
    public void Predict_OneUtteranceConversation_GivesProbabilities_AndTrainsOnThem()
    {
        var single = M.TestConversations().Select(c => c[0]).ToList(); // every conversation cut to its first turn

        GuaranteeModel.AssertProbabilities(M.Scores(single));

        var ml = new MLContext(seed: 1);
        var singles = M.Data.GetRows(SyntheticConversations.TrainSplit).GroupBy(r => r.DialogueId).Select(g => GuaranteeModel.Copy(g.First())).ToList();
        var model = GuaranteeModel.Pipeline(ml).Fit(M.View(singles));
        GuaranteeModel.AssertProbabilities(M.Scores(single, model));
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void Predict_FiveThousandUtteranceConversation_GivesProbabilities()
    {
        var rows = M.Data.Rows;
        var longOne = Enumerable.Range(0, 5000).Select(i =>
        {
            var row = GuaranteeModel.Copy(rows[i % rows.Count]);
            row.DialogueId = "long";
            row.Turn = i;
            row.Speaker = "S" + (i * 7 % 5);
            return row;
        }).ToList();

        var scores = M.Scores(longOne);

        Assert.HasCount(5000, scores);
        GuaranteeModel.AssertProbabilities(scores);
    }

    [TestMethod]
    [DataRow(1e30f)]
    [DataRow(-3e38f)]
    public void Predict_HugeFiniteFeatures_NeverGiveNaNScores(float value)
    {
        var conversation = M.TestConversations()[0];
        Array.Fill(conversation[1].Text, value);
        Array.Fill(conversation[1].Audio, value);

        try
        {
            GuaranteeModel.AssertProbabilities(M.Scores(conversation));
        }
        catch (ConversationDataException e)
        {
            ConversationReaderErrorTests.AssertNames(e, "Text", conversation[1].DialogueId, conversation[1].Turn);
        }
    }
}
