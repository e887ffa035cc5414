namespace ElrGnn.Cli.Running;

/// <summary>One scored utterance.</summary>
/// <param name="DialogueId">Conversation id.</param>
/// <param name="Turn">Position in the conversation.</param>
/// <param name="Speaker">Speaker name.</param>
/// <param name="Utterance">Utterance text (empty when the data has none).</param>
/// <param name="Truth">True class id, or -1 when unlabelled or the label is unknown to the model.</param>
/// <param name="Predicted">Predicted class id (arg max of <paramref name="Probabilities"/>).</param>
/// <param name="Probabilities">Softmax probabilities, one per class.</param>
internal sealed record ScoredUtterance(string DialogueId, int Turn, string Speaker, string Utterance, int Truth, int Predicted,
    float[] Probabilities);
