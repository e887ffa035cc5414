namespace ElrGnn.MLNet.Orleans;

/// <summary>The emotion of one turn: its label, the class probabilities, and the label names in slot order.</summary>
[GenerateSerializer, Alias("ElrGnn.TurnPrediction")]
public sealed class TurnPrediction
{
    /// <summary>The conversation.</summary>
    [Id(0)] public string ConversationId { get; set; } = "";

    /// <summary>The turn.</summary>
    [Id(1)] public int Turn { get; set; }

    /// <summary>The speaker.</summary>
    [Id(2)] public string Speaker { get; set; } = "";

    /// <summary>The predicted emotion (the most probable class).</summary>
    [Id(3)] public string Emotion { get; set; } = "";

    /// <summary>Probability per emotion.</summary>
    [Id(4)] public Dictionary<string, float> Probabilities { get; set; } = [];

    /// <summary>Builds a prediction from a model output row.</summary>
    public static TurnPrediction From(string conversationId, int turn, string speaker, float[] score, IReadOnlyList<string> labels)
    {
        int best = 0;
        for (int k = 1; k < score.Length; k++)
        {
            if (score[k] > score[best])
                best = k;
        }
        return new TurnPrediction
        {
            ConversationId = conversationId,
            Turn = turn,
            Speaker = speaker,
            Emotion = best < labels.Count ? labels[best] : best.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Probabilities = score.Select((p, k) => (Label: k < labels.Count ? labels[k] : $"{k}", p)).ToDictionary(x => x.Label, x => x.p),
        };
    }
}
