namespace ElrGnn.MLNet.Prediction;

/// <summary>Turn-level explanations for every utterance of one conversation.</summary>
public sealed class ConversationExplanation
{
    /// <summary>The conversation id (as text).</summary>
    public required string ConversationId { get; init; }

    /// <summary>The conversation's turns, in order.</summary>
    public required IReadOnlyList<int> Turns { get; init; }

    /// <summary>The speaker of each turn, in turn order.</summary>
    public required IReadOnlyList<string> Speakers { get; init; }

    /// <summary>
    /// N × N contributions: <c>Contributions[i][j]</c> is how much turn j (position j in <see cref="Turns"/>) moved the
    /// predicted-class probability of utterance i: that probability minus the same with turn j left out of the
    /// conversation. The diagonal holds each utterance's own-turn contribution: its probability for that class when
    /// scored alone, minus 1 / (number of classes).
    /// </summary>
    public required float[][] Contributions { get; init; }

    /// <summary>One explanation per utterance, in turn order.</summary>
    public required IReadOnlyList<UtteranceExplanation> Utterances { get; init; }
}
