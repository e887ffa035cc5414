namespace ElrGnn.MLNet.Data;

/// <summary>
/// Emits features and sentences for <see cref="SyntheticConversations"/>: per modality a fixed
/// random prototype per class (and per topic, text only), scaled to norm <see cref="SignalNorm"/>,
/// plus Gaussian noise. Prototypes depend only on the class count and the dimensions, so data
/// sets generated with different seeds share them.
/// </summary>
internal sealed class SyntheticFeatures
{
    /// <summary>Norm of a class or topic prototype in one modality.</summary>
    public const float SignalNorm = 3f;

    /// <summary>Chance that a modality of a clear utterance carries the class signal (at least one does).</summary>
    public const double ModalitySignalProbability = 0.5;

    private const int WorldSeed = 20_240_601;

    private static readonly string[][] CueWords =
    [
        ["sunny", "bright", "lovely"], ["gloomy", "grey", "heavy"], ["plain", "usual", "steady"],
        ["furious", "harsh", "sharp"], ["thrilled", "wild", "buzzing"], ["stuck", "blocked", "worn"],
    ];
    private static readonly string[] Openers = ["Well", "So", "Okay", "Honestly", "Look", "Hmm", "Right"];
    private static readonly string[] Subjects = ["the plan", "this week", "the call", "our talk", "the news", "that idea"];
    private static readonly string[] VagueWords = ["what it is", "hard to read", "a long story", "still there"];
    private static readonly string[] Topics = ["the trip", "the exam", "the move", "the match", "the wedding", "the job"];

    private readonly float[][][] _classPrototypes; // [modality][class] → vector
    private readonly float[][] _topicPrototypes;   // [topic] → text vector
    private readonly float _noise;

    public SyntheticFeatures(int classes, int[] dimensions, float noise)
    {
        _noise = noise;
        _classPrototypes = new float[dimensions.Length][][];
        for (int m = 0; m < dimensions.Length; m++)
        {
            var rng = new Random(SyntheticConversations.Mix(WorldSeed, classes, dimensions[m], m));
            _classPrototypes[m] = Enumerable.Range(0, classes).Select(_ => Prototype(rng, dimensions[m])).ToArray();
        }
        var topicRng = new Random(SyntheticConversations.Mix(WorldSeed, classes, dimensions[0], -1));
        _topicPrototypes = Enumerable.Range(0, classes).Select(_ => Prototype(topicRng, dimensions[0])).ToArray();
    }

    /// <summary>Features per modality: class prototype where the modality carries signal, topic in text, noise everywhere.</summary>
    public float[][] Emit(Random rng, SyntheticProcess.Turn turn, int topic, out bool textCarriesClass)
    {
        int modalities = _classPrototypes.Length;
        var carries = new bool[modalities];
        if (!turn.Ambiguous)
        {
            for (int m = 0; m < modalities; m++)
                carries[m] = rng.NextDouble() < ModalitySignalProbability;
            if (!carries.Any(c => c))
                carries[rng.Next(modalities)] = true;
        }
        textCarriesClass = carries[0];

        var result = new float[modalities][];
        for (int m = 0; m < modalities; m++)
        {
            var x = new float[_classPrototypes[m][0].Length];
            for (int i = 0; i < x.Length; i++)
                x[i] = _noise * Gaussian(rng);
            if (carries[m])
                Add(x, _classPrototypes[m][turn.Label]);
            if (m == 0 && turn.EmitsTopic)
                Add(x, _topicPrototypes[topic]);
            result[m] = x;
        }
        return result;
    }

    /// <summary>
    /// A made-up sentence "Opener, subject is cue.": the subject names the topic on topic turns,
    /// and the cue names the class only when the text modality carries the signal.
    /// </summary>
    public static string Sentence(Random rng, int label, int topic, bool textCarriesClass, bool emitsTopic)
    {
        string opener = Openers[rng.Next(Openers.Length)];
        string subject = emitsTopic ? Topic(topic) : Subjects[rng.Next(Subjects.Length)];
        string cue = textCarriesClass ? Cue(rng, label) : VagueWords[rng.Next(VagueWords.Length)];
        return $"{opener}, {subject} is {cue}.";
    }

    private static string Cue(Random rng, int label) =>
        label < CueWords.Length ? CueWords[label][rng.Next(CueWords[label].Length)] : $"tone{label}";

    private static string Topic(int topic) => topic < Topics.Length ? Topics[topic] : $"topic {topic}";

    private static float[] Prototype(Random rng, int dimension)
    {
        var v = new float[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++)
        {
            v[i] = Gaussian(rng);
            norm += v[i] * v[i];
        }
        float scale = SignalNorm / (float)Math.Sqrt(Math.Max(norm, 1e-12));
        for (int i = 0; i < dimension; i++)
            v[i] *= scale;
        return v;
    }

    private static void Add(float[] x, float[] prototype)
    {
        for (int i = 0; i < x.Length; i++)
            x[i] += prototype[i];
    }

    // Box–Muller; System.Random has no Gaussian sampler.
    private static float Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(); // (0, 1], keeps log finite
        double u2 = rng.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
