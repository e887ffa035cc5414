namespace ElrGnn.MLNet.Tests.Prediction;

/// <summary>On a task where the deciding turn is known, occlusion must rank it first.</summary>
[TestClass]
public sealed class ExplainDecidingTurnTests
{
    [TestMethod]
    public void Explain_DecidingTurnKnown_RanksItFirstForMostUtterances()
    {
        var m = DecidingTurnModel.Instance;
        var test = DecidingTurnModel.Conversations(seed: 99, count: 30);
        var predictor = m.Predictor();

        int correct = 0, explained = 0, rankedFirst = 0, contextTurns = 0;
        foreach (var conversation in test)
        {
            var explanation = predictor.Explain(conversation, top: 1).Single();
            foreach (var row in conversation.Where(r => r.DecidingTurn >= 0))
            {
                var utterance = explanation.Utterances[row.Turn];
                if (utterance.PredictedLabel != row.Label)
                    continue; // only predictions the model got by the rule are explained by the rule
                correct++;
                explained++;
                contextTurns += conversation.Count - 1;
                if (utterance.TurnContributions[0].Turn == row.DecidingTurn)
                    rankedFirst++;
            }
        }

        int total = test.Sum(c => c.Count(r => r.DecidingTurn >= 0));
        double share = (double)rankedFirst / explained;
        double chance = (double)explained / contextTurns;
        Console.WriteLine($"accuracy {correct}/{total}, deciding turn ranked first {rankedFirst}/{explained} = {share:P0} (chance ≈ {chance:P0})");
        Assert.IsGreaterThanOrEqualTo(0.45, (double)correct / total, "(chance 25 %) the model must have learned the task for the test to mean anything");
        Assert.IsGreaterThanOrEqualTo(0.6, share, $"chance ≈ {chance:P0}");
    }
}
