using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Data;

/// <summary>
/// Deterministic synthetic multimodal conversations whose labels can only be fully recovered
/// from context. Used as the CLI's built-in data and by the tests.
/// </summary>
/// <remarks>
/// <para><b>Hidden process</b> (per conversation, K classes, S speakers):</para>
/// <list type="number">
/// <item>A topic τ ∈ {0..K−1} is drawn. It is emitted strongly in the text features of the first
/// two turns only, yet it shapes labels throughout (long-range context).</item>
/// <item>Each speaker gets a latent mood: τ with probability 0.5, else a uniform class.</item>
/// <item>Turn order: the same speaker continues with probability 0.2, else another speaker
/// (uniform) talks.</item>
/// <item>Before speaking, if the previous utterance was another speaker's, the speaker adopts that
/// utterance's label with probability 0.35 (reaction to earlier context); otherwise the mood is
/// re-drawn with probability 0.1 (τ or uniform, half each). Moods otherwise persist across the
/// speaker's turns (speaker history).</item>
/// <item>The label is the speaker's mood.</item>
/// <item>After the opening topic turns, an utterance is <i>ambiguous</i> with probability
/// <see cref="SyntheticConversationsOptions.AmbiguousFraction"/>: no modality carries its class,
/// so it can only be inferred from the same speaker's turns before and after, the reaction
/// chain and the topic.</item>
/// </list>
/// <para><b>Features</b>: per modality a fixed random prototype per class of norm 3, added only in
/// the modalities that carry the signal (each with probability 0.5 for a clear utterance, at least
/// one, so some utterances are readable only from audio or visual), a topic prototype (norm 3) in
/// the text of the opening turns, and N(0, <see cref="SyntheticConversationsOptions.NoiseLevel"/>²)
/// noise on every value. Prototypes depend only on the class count and dimensions, so separately
/// generated sets (different seeds) are compatible. Labels and speakers use their own random
/// stream, so changing dimensions or noise keeps the labels.</para>
/// <para>Conversations are split by position: the first <see cref="SyntheticConversationsOptions.TrainFraction"/>
/// are "train", the next <see cref="SyntheticConversationsOptions.ValidFraction"/> "valid", the rest "test".</para>
/// </remarks>
public sealed class SyntheticConversations
{
    /// <summary>Split name of training rows.</summary>
    public const string TrainSplit = "train";

    /// <summary>Split name of validation rows.</summary>
    public const string ValidSplit = "valid";

    /// <summary>Split name of test rows.</summary>
    public const string TestSplit = "test";

    private static readonly string[] SpeakerNames = ["Ava", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hal", "Ivy"];

    private readonly SyntheticConversationsOptions _options;
    private readonly Lazy<SyntheticUtterance[]> _rows;

    /// <summary>Creates a generator; <paramref name="options"/> null = all defaults. Rows are generated on first use.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public SyntheticConversations(SyntheticConversationsOptions? options = null)
    {
        _options = options ?? new SyntheticConversationsOptions();
        Validate(_options);
        // Zero-padded when K > 10 so that the ordinal sort a reader applies keeps class order.
        string format = "D" + (_options.NumberOfClasses - 1).ToString(CultureInfo.InvariantCulture).Length;
        ClassNames = Enumerable.Range(0, _options.NumberOfClasses)
            .Select(k => "c" + k.ToString(format, CultureInfo.InvariantCulture)).ToArray();
        _rows = new Lazy<SyntheticUtterance[]>(Generate);
    }

    /// <summary>The options used.</summary>
    public SyntheticConversationsOptions Options => _options;

    /// <summary>Class names by class index: "c0", "c1", … (zero-padded, "c00" …, when there are more than 10 classes).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>All rows, conversation by conversation, turns ascending.</summary>
    public IReadOnlyList<SyntheticUtterance> Rows => _rows.Value;

    /// <summary>The rows of one split (<see cref="TrainSplit"/>, <see cref="ValidSplit"/> or <see cref="TestSplit"/>).</summary>
    public IEnumerable<SyntheticUtterance> GetRows(string split)
    {
        ArgumentNullException.ThrowIfNull(split);
        return Rows.Where(r => r.Split == split);
    }

    /// <summary>A schema definition for <see cref="SyntheticUtterance"/> with fixed vector sizes.</summary>
    public SchemaDefinition CreateSchemaDefinition()
    {
        var definition = SchemaDefinition.Create(typeof(SyntheticUtterance));
        definition[nameof(SyntheticUtterance.Text)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _options.TextDimension);
        definition[nameof(SyntheticUtterance.Audio)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _options.AudioDimension);
        definition[nameof(SyntheticUtterance.Visual)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _options.VisualDimension);
        return definition;
    }

    /// <summary>The rows of one split (or all rows when <paramref name="split"/> is null) as a data view.</summary>
    public IDataView ToDataView(MLContext mlContext, string? split = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        var rows = split is null ? Rows : GetRows(split).ToArray();
        return mlContext.Data.LoadFromEnumerable(rows, CreateSchemaDefinition());
    }

    /// <summary>Mixes integers into one seed (SplitMix64 finaliser), so streams for different purposes are independent.</summary>
    internal static int Mix(params int[] values)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (int v in values)
        {
            h ^= (uint)v;
            h += 0x9E3779B97F4A7C15UL;
            h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
            h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
            h ^= h >> 31;
        }
        return (int)(h & 0x7FFFFFFF);
    }

    private SyntheticUtterance[] Generate()
    {
        var o = _options;
        var features = new SyntheticFeatures(o.NumberOfClasses, [o.TextDimension, o.AudioDimension, o.VisualDimension], o.NoiseLevel);
        int trainEnd = (int)Math.Round(o.NumberOfConversations * o.TrainFraction);
        int validEnd = Math.Min(o.NumberOfConversations, (int)Math.Round(o.NumberOfConversations * (o.TrainFraction + o.ValidFraction)));
        var rows = new List<SyntheticUtterance>();
        for (int c = 0; c < o.NumberOfConversations; c++)
        {
            var processRng = new Random(Mix(o.Seed, c, 0));
            var emitRng = new Random(Mix(o.Seed, c, 1));
            int length = processRng.Next(o.MinLength, o.MaxLength + 1);
            var names = SpeakerNames.OrderBy(_ => processRng.Next()).Take(o.NumberOfSpeakers).ToArray();
            var (topic, turns) = SyntheticProcess.Sample(processRng, length, o.NumberOfSpeakers, o.NumberOfClasses, o.AmbiguousFraction);
            string split = c < trainEnd ? TrainSplit : c < validEnd ? ValidSplit : TestSplit;
            for (int t = 0; t < turns.Length; t++)
            {
                var x = features.Emit(emitRng, turns[t], topic, out bool textCarries);
                rows.Add(new SyntheticUtterance
                {
                    DialogueId = "d" + c.ToString("D4", CultureInfo.InvariantCulture),
                    Turn = t,
                    Speaker = names[turns[t].Speaker],
                    Label = ClassNames[turns[t].Label],
                    Split = split,
                    Utterance = SyntheticFeatures.Sentence(emitRng, turns[t].Label, topic, textCarries, turns[t].EmitsTopic),
                    Text = x[0],
                    Audio = x[1],
                    Visual = x[2],
                    IsAmbiguous = turns[t].Ambiguous,
                    Topic = topic,
                });
            }
        }
        return rows.ToArray();
    }

    private static void Validate(SyntheticConversationsOptions o)
    {
        Check(o.NumberOfConversations >= 1, nameof(o.NumberOfConversations), "must be at least 1");
        Check(o.MinLength >= 1, nameof(o.MinLength), "must be at least 1");
        Check(o.MaxLength >= o.MinLength, nameof(o.MaxLength), "must be at least MinLength");
        Check(o.NumberOfSpeakers is >= 2 and <= 9, nameof(o.NumberOfSpeakers), "must be in 2..9");
        Check(o.NumberOfClasses is >= 2 and <= 26, nameof(o.NumberOfClasses), "must be in 2..26");
        Check(o.TextDimension >= 1, nameof(o.TextDimension), "must be at least 1");
        Check(o.AudioDimension >= 1, nameof(o.AudioDimension), "must be at least 1");
        Check(o.VisualDimension >= 1, nameof(o.VisualDimension), "must be at least 1");
        Check(float.IsFinite(o.NoiseLevel) && o.NoiseLevel >= 0, nameof(o.NoiseLevel), "must be finite and ≥ 0");
        Check(o.AmbiguousFraction is >= 0 and <= 1, nameof(o.AmbiguousFraction), "must be in [0, 1]");
        Check(o.TrainFraction is > 0 and <= 1, nameof(o.TrainFraction), "must be in (0, 1]");
        Check(o.ValidFraction >= 0 && o.TrainFraction + o.ValidFraction <= 1 + 1e-9, nameof(o.ValidFraction), "must be in [0, 1 − TrainFraction]");
    }

    private static void Check(bool ok, string option, string requirement)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(option, $"{nameof(SyntheticConversationsOptions)}.{option} {requirement}.");
    }
}
