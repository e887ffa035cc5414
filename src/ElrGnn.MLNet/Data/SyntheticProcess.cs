namespace ElrGnn.MLNet.Data;

/// <summary>
/// The hidden process behind <see cref="SyntheticConversations"/> labels: a conversation topic,
/// per-speaker moods that persist, reactions to the other speaker, drift, and ambiguous turns.
/// See <see cref="SyntheticConversations"/> for the description.
/// </summary>
internal static class SyntheticProcess
{
    /// <summary>Opening turns that emit the topic in the text features.</summary>
    public const int TopicTurns = 2;

    /// <summary>Chance that a speaker's first mood is the topic (else uniform).</summary>
    public const double TopicMoodProbability = 0.5;

    /// <summary>Chance the same speaker talks again (else another speaker, uniform).</summary>
    public const double SameSpeakerProbability = 0.2;

    /// <summary>Chance that after another speaker's utterance the speaker adopts its label.</summary>
    public const double ReactionProbability = 0.35;

    /// <summary>Chance that a speaker's mood is re-drawn (topic or uniform, half each).</summary>
    public const double DriftProbability = 0.1;

    /// <summary>One turn of the hidden process.</summary>
    public readonly record struct Turn(int Speaker, int Label, bool Ambiguous, bool EmitsTopic);

    /// <summary>Samples one conversation's topic and turns.</summary>
    public static (int Topic, Turn[] Turns) Sample(Random rng, int length, int speakers, int classes, double ambiguousFraction)
    {
        int topic = rng.Next(classes);
        var mood = new int[speakers];
        for (int s = 0; s < speakers; s++)
            mood[s] = rng.NextDouble() < TopicMoodProbability ? topic : rng.Next(classes);

        var turns = new Turn[length];
        int speaker = rng.Next(speakers);
        for (int t = 0; t < length; t++)
        {
            int previous = speaker;
            if (t > 0 && rng.NextDouble() >= SameSpeakerProbability)
                speaker = (previous + 1 + rng.Next(speakers - 1)) % speakers; // any other speaker

            if (t > 0 && speaker != previous && rng.NextDouble() < ReactionProbability)
                mood[speaker] = turns[t - 1].Label; // the other speaker's last utterance sets the mood
            else if (rng.NextDouble() < DriftProbability)
                mood[speaker] = rng.NextDouble() < 0.5 ? topic : rng.Next(classes);

            bool emitsTopic = t < TopicTurns;
            bool ambiguous = !emitsTopic && rng.NextDouble() < ambiguousFraction;
            turns[t] = new Turn(speaker, mood[speaker], ambiguous, emitsTopic);
        }
        return (topic, turns);
    }
}
