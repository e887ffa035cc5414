using System.Collections.Concurrent;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Prediction;
using ElrGnn.MLNet.Tests.Guarantees;
using ElrGnn.MLNet.Tests.Pipeline;
using ElrGnn.MLNet.Training;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Prediction;

/// <summary>
/// Tiny models for the streaming tests (the guarantee pipeline: MapValueToKey → graph → ELR-GNN → MapKeyToValue, so
/// labels come back as text), one per network variant, fitted once (one epoch) and shared; plus long synthetic
/// conversations built by hand.
/// </summary>
internal static class StreamingModels
{
    /// <summary>The default network.</summary>
    public const string Default = "default";

    /// <summary>Both graph branches off: o = MLP(H).</summary>
    public const string BiLstmOnly = "bilstm_only";

    /// <summary>Two stacked speaker-graph layers.</summary>
    public const string TwoSpeakerLayers = "speaker_layers_2";

    /// <summary>One Bi-LSTM on the concatenated modalities, with speaker embeddings.</summary>
    public const string Concatenated = "concatenated";

    /// <summary>Transformer encoder: the full-rerun fallback.</summary>
    public const string Transformer = "transformer";

    /// <summary>Two LSTM layers: the full-rerun fallback.</summary>
    public const string TwoLstmLayers = "lstm_layers_2";

    private static readonly ConcurrentDictionary<string, Lazy<ITransformer>> Models = new();

    public static MLContext MlContext => GuaranteeModel.Instance.MlContext;

    public static Microsoft.ML.DataViewSchema Schema => GuaranteeModel.Instance.Train.Schema;

    /// <summary>The fitted pipeline of <paramref name="variant"/>.</summary>
    public static ITransformer Model(string variant) =>
        Models.GetOrAdd(variant, v => new Lazy<ITransformer>(() => Fit(v))).Value;

    /// <summary>A conversation predictor on <paramref name="variant"/>'s model.</summary>
    public static ConversationPredictor<SyntheticUtterance, UtterancePrediction> Predictor(string variant) =>
        Model(variant).CreateConversationPredictor<SyntheticUtterance, UtterancePrediction>(MlContext, Schema);

    /// <summary>A conversation of <paramref name="length"/> turns (gaps of 3, three speakers) with random features.</summary>
    public static List<SyntheticUtterance> Conversation(string id, int length, int seed)
    {
        var random = new Random(seed);
        float[] Vector(int size) => [.. Enumerable.Range(0, size).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        return [.. Enumerable.Range(0, length).Select(i => new SyntheticUtterance
        {
            DialogueId = id, Turn = 3 * i + 1, Speaker = $"S{random.Next(3)}", Label = "",
            Text = Vector(8), Audio = Vector(4), Visual = Vector(4),
        })];
    }

    /// <summary>
    /// <c>Predict(prefix)[^1]</c> for every prefix of <paramref name="conversation"/>, in one call: each prefix is scored
    /// as its own conversation (scores do not depend on the other conversations of a call).
    /// </summary>
    public static UtterancePrediction[] PrefixPredictions(ConversationPredictor<SyntheticUtterance, UtterancePrediction> predictor,
        IReadOnlyList<SyntheticUtterance> conversation)
    {
        var rows = Enumerable.Range(0, conversation.Count)
            .SelectMany(t => conversation.Take(t + 1).Select(r => Renamed(r, $"{r.DialogueId}#prefix{t}"))).ToList();
        var scored = predictor.Predict(rows);
        return [.. Enumerable.Range(0, conversation.Count).Select(t => scored[(t + 1) * (t + 2) / 2 - 1])];
    }

    /// <summary>Asserts two score vectors agree within <paramref name="tolerance"/>, and the labels when the scores are not near a tie.</summary>
    public static void AssertSame(UtterancePrediction expected, UtterancePrediction actual, string what, double tolerance = 1e-5)
    {
        Assert.HasCount(expected.Score.Length, actual.Score, what);
        for (int c = 0; c < expected.Score.Length; c++)
            Assert.AreEqual(expected.Score[c], actual.Score[c], tolerance, $"{what}: class {c}");
        var sorted = expected.Score.OrderDescending().ToArray();
        if (sorted.Length < 2 || sorted[0] - sorted[1] > 1e-4)
            Assert.AreEqual(expected.PredictedLabel, actual.PredictedLabel, what);
    }

    /// <summary>A copy of <paramref name="r"/> in conversation <paramref name="id"/>.</summary>
    public static SyntheticUtterance Renamed(SyntheticUtterance r, string id)
    {
        var copy = GuaranteeModel.Copy(r);
        copy.DialogueId = id;
        return copy;
    }

    private static ITransformer Fit(string variant)
    {
        var options = GuaranteeModel.TrainerOptions();
        options.MaxEpochs = 1;
        switch (variant)
        {
            case Default:
                break;
            case BiLstmOnly:
                options.UseGfpBranch = false;
                options.UseSpeakerGraph = false;
                break;
            case TwoSpeakerLayers:
                options.SpeakerGraphLayers = 2;
                options.SpeakerGraphPastWindow = 3;
                options.SpeakerGraphFutureWindow = 2;
                break;
            case Concatenated:
                options.ContextEncoder = ContextEncoderKind.Concatenated;
                options.UseSpeakerEmbedding = true;
                break;
            case Transformer:
                options.ContextEncoder = ContextEncoderKind.Transformer;
                break;
            case TwoLstmLayers:
                options.LstmLayers = 2;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown variant.");
        }
        var model = GuaranteeModel.Instance;
        return GuaranteeModel.Pipeline(MlContext, options).Fit(model.Train);
    }
}
