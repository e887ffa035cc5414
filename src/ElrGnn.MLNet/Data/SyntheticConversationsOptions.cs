namespace ElrGnn.MLNet.Data;

/// <summary>Settings for <see cref="SyntheticConversations"/>. Checked when the generator is created.</summary>
public sealed class SyntheticConversationsOptions
{
    /// <summary>Seed of the conversation process (speakers, moods, labels, noise). Default 1. Same seed ⇒ same data.</summary>
    public int Seed = 1;

    /// <summary>Number of conversations over all splits; ≥ 1. Default 200.</summary>
    public int NumberOfConversations = 200;

    /// <summary>Shortest conversation (utterances); ≥ 1. Default 8.</summary>
    public int MinLength = 8;

    /// <summary>Longest conversation (utterances); ≥ <see cref="MinLength"/>. Default 24.</summary>
    public int MaxLength = 24;

    /// <summary>Speakers per conversation, 2..9. Default 2.</summary>
    public int NumberOfSpeakers = 2;

    /// <summary>Number of classes, 2..26; names "c0", "c1", … (zero-padded above 10 classes). Default 6.</summary>
    public int NumberOfClasses = 6;

    /// <summary>Text feature dimension; ≥ 1. Default 32.</summary>
    public int TextDimension = 32;

    /// <summary>Audio feature dimension; ≥ 1. Default 16.</summary>
    public int AudioDimension = 16;

    /// <summary>Visual feature dimension; ≥ 1. Default 16.</summary>
    public int VisualDimension = 16;

    /// <summary>
    /// Standard deviation of the Gaussian noise added to every feature value; ≥ 0. Default 1.
    /// Class prototypes have norm 3 per modality; with noise 1 a modality that carries the signal
    /// identifies the class on its own about 90% of the time.
    /// </summary>
    public float NoiseLevel = 1f;

    /// <summary>
    /// Fraction of utterances (after the opening topic turns) whose features carry no class signal,
    /// so their label must come from context; in [0, 1]. Default 0.4.
    /// </summary>
    public double AmbiguousFraction = 0.4;

    /// <summary>Fraction of conversations in the train split, in (0, 1]. Default 0.7.</summary>
    public double TrainFraction = 0.7;

    /// <summary>Fraction of conversations in the valid split, in [0, 1 − <see cref="TrainFraction"/>]; the rest is test. Default 0.1.</summary>
    public double ValidFraction = 0.1;
}
