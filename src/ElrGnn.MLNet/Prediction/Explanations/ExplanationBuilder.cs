using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Prediction.Explanations;

/// <summary>Turns one conversation's contribution matrix into the public <see cref="ConversationExplanation"/>.</summary>
internal static class ExplanationBuilder
{
    /// <summary>The explanation of <paramref name="conversation"/>, listing <paramref name="top"/> context turns per utterance.</summary>
    public static ConversationExplanation Build(Conversation conversation, TurnContributions.Result result, IReadOnlyList<string> labels, int top)
    {
        int classes = labels.Count;
        var utterances = new UtteranceExplanation[conversation.Length];
        for (int i = 0; i < utterances.Length; i++)
        {
            var row = result.Matrix[i];
            int predicted = result.Predicted[i];
            utterances[i] = new UtteranceExplanation
            {
                Turn = conversation.Turns[i],
                Speaker = conversation.Speakers[i],
                PredictedClass = predicted,
                PredictedLabel = labels[predicted],
                Probability = result.Probabilities[i * classes + predicted],
                // Ties (e.g. turns the model ignores) keep turn order, so the list is deterministic.
                TurnContributions = Enumerable.Range(0, row.Length).Where(j => j != i)
                    .OrderByDescending(j => row[j]).ThenBy(j => j).Take(top)
                    .Select(j => new TurnContribution(conversation.Turns[j], conversation.Speakers[j], row[j]))
                    .ToArray(),
            };
        }
        return new ConversationExplanation
        {
            ConversationId = conversation.Id,
            Turns = conversation.Turns.ToArray(),
            Speakers = conversation.Speakers.ToArray(),
            Contributions = result.Matrix,
            Utterances = utterances,
        };
    }
}
