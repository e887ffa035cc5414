using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Tests.Prediction;

/// <summary>Shape and meaning of <c>ConversationPredictor.Explain</c>'s output, checked against <c>Predict</c>.</summary>
[TestClass]
public sealed class ExplainTests
{
    private const float Tolerance = 1e-5f;

    private static DecidingTurnModel M => DecidingTurnModel.Instance;

    private static List<DecidingTurnRow> Conversation(int index = 0) => DecidingTurnModel.Conversations(seed: 7, count: 4)[index];

    private static DecidingTurnRow Copy(DecidingTurnRow r) => new()
    {
        DialogueId = r.DialogueId, Turn = r.Turn, Speaker = r.Speaker, Label = r.Label, Text = [.. r.Text], DecidingTurn = r.DecidingTurn,
    };

    [TestMethod]
    public void Explain_OneConversation_GivesAnNByNMatrixAndOneExplanationPerTurn()
    {
        var rows = Conversation();
        var predictor = M.Predictor();
        var predictions = predictor.Predict(rows);

        var explanation = predictor.Explain(rows, top: 3).Single();

        int n = rows.Count;
        Assert.AreEqual(rows[0].DialogueId, explanation.ConversationId);
        CollectionAssert.AreEqual(rows.Select(r => r.Turn).ToArray(), explanation.Turns.ToArray());
        CollectionAssert.AreEqual(rows.Select(r => r.Speaker).ToArray(), explanation.Speakers.ToArray());
        Assert.HasCount(n, explanation.Contributions);
        Assert.IsTrue(explanation.Contributions.All(row => row.Length == n && row.All(float.IsFinite)));
        Assert.HasCount(n, explanation.Utterances);
        for (int i = 0; i < n; i++)
        {
            var u = explanation.Utterances[i];
            Assert.AreEqual(rows[i].Turn, u.Turn);
            Assert.AreEqual(predictions[i].PredictedLabel, u.PredictedLabel);
            Assert.AreEqual(predictions[i].Score[u.PredictedClass], u.Probability, Tolerance);
            Assert.HasCount(3, u.TurnContributions);
            Assert.IsFalse(u.TurnContributions.Any(t => t.Turn == u.Turn), "the own turn is not a context turn");
            var expected = Enumerable.Range(0, n).Where(j => j != i).Select(j => explanation.Contributions[i][j])
                .OrderByDescending(v => v).Take(3).ToArray();
            CollectionAssert.AreEqual(expected, u.TurnContributions.Select(t => t.Contribution).ToArray(), $"utterance {i}: largest first");
            foreach (var t in u.TurnContributions)
                Assert.AreEqual(rows[t.Turn].Speaker, t.Speaker);
        }
    }

    [TestMethod]
    public void Explain_OffDiagonal_IsTheDropWhenTheTurnIsLeftOut()
    {
        var rows = Conversation();
        var predictor = M.Predictor();
        var explanation = predictor.Explain(rows).Single();
        var full = predictor.Predict(rows);

        foreach (int j in new[] { 0, 2, rows.Count - 1 })
        {
            var without = predictor.Predict(rows.Where((_, k) => k != j));
            for (int i = 0; i < rows.Count; i++)
            {
                if (i == j)
                    continue;
                int c = explanation.Utterances[i].PredictedClass;
                float expected = full[i].Score[c] - without[i < j ? i : i - 1].Score[c];
                Assert.AreEqual(expected, explanation.Contributions[i][j], Tolerance, $"utterance {i}, turn {j} left out");
            }
        }
    }

    [TestMethod]
    public void Explain_Diagonal_IsTheUtteranceAloneAboveChance()
    {
        var rows = Conversation();
        var predictor = M.Predictor();
        var explanation = predictor.Explain(rows).Single();

        for (int i = 0; i < rows.Count; i++)
        {
            int c = explanation.Utterances[i].PredictedClass;
            float expected = predictor.Predict([rows[i]])[0].Score[c] - 1f / DecidingTurnModel.Classes;
            Assert.AreEqual(expected, explanation.Contributions[i][i], Tolerance, $"utterance {i}");
        }
    }

    [TestMethod]
    public void Explain_OneUtterance_HasNoContextTurnsAndAOneByOneMatrix()
    {
        var rows = Conversation().Take(1).ToList();

        var explanation = M.Predictor().Explain(rows).Single();

        Assert.HasCount(1, explanation.Contributions);
        Assert.HasCount(1, explanation.Contributions[0]);
        var u = explanation.Utterances.Single();
        Assert.AreEqual(u.Probability - 1f / DecidingTurnModel.Classes, explanation.Contributions[0][0], Tolerance, "alone = the whole conversation");
        Assert.IsEmpty(u.TurnContributions);
    }

    [TestMethod]
    public void Explain_SeveralConversations_OnePerConversationInFirstAppearanceOrder_SameAsAlone()
    {
        var conversations = DecidingTurnModel.Conversations(seed: 7, count: 3);
        var predictor = M.Predictor();
        var mixed = conversations[2].Take(2).Concat(conversations[0]).Concat(conversations[1]).Concat(conversations[2].Skip(2)).ToList();

        var together = predictor.Explain(mixed);

        CollectionAssert.AreEqual(new[] { conversations[2][0].DialogueId, conversations[0][0].DialogueId, conversations[1][0].DialogueId },
            together.Select(e => e.ConversationId).ToArray());
        foreach (var explanation in together)
        {
            var alone = predictor.Explain(conversations.Single(c => c[0].DialogueId == explanation.ConversationId)).Single();
            AssertSameMatrix(alone.Contributions, explanation.Contributions);
        }
    }

    [TestMethod]
    public void Explain_ShuffledRows_GiveTheSameExplanation()
    {
        var rows = Conversation(1);
        var predictor = M.Predictor();
        var shuffled = rows.OrderBy(_ => Random.Shared.Next()).Reverse().ToList();

        var ordered = predictor.Explain(rows).Single();
        var fromShuffled = predictor.Explain(shuffled).Single();

        CollectionAssert.AreEqual(ordered.Turns.ToArray(), fromShuffled.Turns.ToArray());
        AssertSameMatrix(ordered.Contributions, fromShuffled.Contributions);
        for (int i = 0; i < rows.Count; i++)
            CollectionAssert.AreEqual(ordered.Utterances[i].TurnContributions.Select(t => t.Turn).ToArray(),
                fromShuffled.Utterances[i].TurnContributions.Select(t => t.Turn).ToArray());
    }

    [TestMethod]
    public void Explain_NonFiniteFeature_FailsAsPredictDoes()
    {
        var rows = Conversation().Select(Copy).ToList();
        rows[2].Text[1] = float.NaN;
        var predictor = M.Predictor();

        var expected = Assert.ThrowsExactly<ConversationDataException>(() => predictor.Predict(rows));
        var actual = Assert.ThrowsExactly<ConversationDataException>(() => predictor.Explain(rows));

        Assert.AreEqual(expected.Message, actual.Message);
        StringAssert.Contains(actual.Message, rows[2].DialogueId);
    }

    [TestMethod]
    public void Explain_DuplicateTurn_FailsAsPredictDoes()
    {
        var rows = Conversation().Select(Copy).ToList();
        rows[3].Turn = rows[2].Turn;
        var predictor = M.Predictor();

        var expected = Assert.ThrowsExactly<ConversationDataException>(() => predictor.Predict(rows));
        var actual = Assert.ThrowsExactly<ConversationDataException>(() => predictor.Explain(rows));

        Assert.AreEqual(expected.Message, actual.Message);
    }

    [TestMethod]
    public void Explain_NoRowsOrBadTop_EmptyOrArgumentError()
    {
        var predictor = M.Predictor();

        Assert.IsEmpty(predictor.Explain([]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => predictor.Explain(Conversation(), top: 0));
        Assert.ThrowsExactly<ArgumentNullException>(() => predictor.Explain(null!));
    }

    private static void AssertSameMatrix(float[][] expected, float[][] actual)
    {
        Assert.HasCount(expected.Length, actual);
        for (int i = 0; i < expected.Length; i++)
            for (int j = 0; j < expected.Length; j++)
                Assert.AreEqual(expected[i][j], actual[i][j], Tolerance, $"[{i}][{j}]");
    }
}
