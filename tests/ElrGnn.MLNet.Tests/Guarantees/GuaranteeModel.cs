using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Tests.Pipeline;
using ElrGnn.MLNet.Training;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Guarantees;

/// <summary>
/// A tiny ELR-GNN pipeline (3 classes, features 8+4+4, two epochs) on synthetic conversations, fitted once and saved,
/// shared by the guarantee tests; plus helpers to fit it again and to score rows.
/// </summary>
internal sealed class GuaranteeModel
{
    private static readonly Lazy<GuaranteeModel> Shared = new(() => new GuaranteeModel());

    private GuaranteeModel()
    {
        MlContext = new MLContext(seed: 1);
        Data = new SyntheticConversations(DataOptions());
        Train = Data.ToDataView(MlContext, SyntheticConversations.TrainSplit);
        Model = Pipeline(MlContext).Fit(Train);
        SavedPath = Path.Combine(TestPaths.NewTempDir(), "elrgnn.zip");
        MlContext.Model.Save(Model, Train.Schema, SavedPath);
    }

    public static GuaranteeModel Instance => Shared.Value;

    public MLContext MlContext { get; }

    public SyntheticConversations Data { get; }

    public IDataView Train { get; }

    public ITransformer Model { get; }

    /// <summary>The model saved with <c>mlContext.Model.Save</c>.</summary>
    public string SavedPath { get; }

    /// <summary>Test-split rows, one list per conversation.</summary>
    public List<List<SyntheticUtterance>> TestConversations() =>
        Data.GetRows(SyntheticConversations.TestSplit).GroupBy(r => r.DialogueId).Select(g => g.Select(Copy).ToList()).ToList();

    public static SyntheticConversationsOptions DataOptions() => new()
    {
        Seed = 5, NumberOfConversations = 30, MinLength = 3, MaxLength = 7,
        NumberOfClasses = 3, TextDimension = 8, AudioDimension = 4, VisualDimension = 4,
    };

    public static ElrGnnTrainer.Options TrainerOptions() => new()
    {
        FeatureColumnNames = ["Text", "Audio", "Visual"],
        LabelColumnName = "Label",
        HiddenSize = 8,
        ModelSize = 8,
        TransformerHeads = 2,
        MaxEpochs = 2,
        BatchSize = 4,
        LearningRate = 5e-3,
        Seed = 3,
    };

    /// <summary>The public contract pipeline with the tiny options.</summary>
    public static IEstimator<ITransformer> Pipeline(MLContext ml, ElrGnnTrainer.Options? options = null, IDataView? labelKeys = null) =>
        ml.Transforms.Conversion.MapValueToKey("Label", keyData: labelKeys)
            .Append(ml.Transforms.PrecomputeConversationGraph(new ConversationGraphOptions
            { ConversationIdColumnName = "DialogueId", TurnColumnName = "Turn", SpeakerColumnName = "Speaker" }))
            .Append(ml.MulticlassClassification.Trainers.ElrGnn(options ?? TrainerOptions()))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    /// <summary>Rows as a view with variable-size vectors (so a row of the wrong width reaches the reader).</summary>
    public IDataView View(IEnumerable<SyntheticUtterance> rows) => MlContext.Data.LoadFromEnumerable(rows.ToList());

    /// <summary>Scores, in row order, of <paramref name="model"/> (default: the shared one) on <paramref name="rows"/>.</summary>
    public float[][] Scores(IEnumerable<SyntheticUtterance> rows, ITransformer? model = null) => Scores(View(rows), model);

    /// <inheritdoc cref="Scores(IEnumerable{SyntheticUtterance}, ITransformer?)"/>
    public float[][] Scores(IDataView rows, ITransformer? model = null) =>
        [.. MlContext.Data.CreateEnumerable<UtterancePrediction>((model ?? Model).Transform(rows), reuseRowObject: false, ignoreMissingColumns: true)
            .Select(p => p.Score)];

    /// <summary>Loads the saved model in a new context.</summary>
    public static ITransformer Load(string path) => ElrGnnComponents.Load(new MLContext(), path, out _);

    public static SyntheticUtterance Copy(SyntheticUtterance r) => new()
    {
        DialogueId = r.DialogueId, Turn = r.Turn, Speaker = r.Speaker, Label = r.Label, Split = r.Split,
        Text = [.. r.Text], Audio = [.. r.Audio], Visual = [.. r.Visual],
    };

    /// <summary>Asserts every score is a finite probability and each row sums to one.</summary>
    public static void AssertProbabilities(float[][] scores, int classes = 3)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            Assert.HasCount(classes, scores[i], $"row {i}");
            Assert.IsTrue(scores[i].All(float.IsFinite), $"row {i}: {string.Join(", ", scores[i])}");
            Assert.AreEqual(1.0, scores[i].Sum(), 1e-4, $"row {i}");
        }
    }

    /// <summary>Asserts two score tables are bit-identical.</summary>
    public static void AssertBitIdentical(float[][] expected, float[][] actual, string what)
    {
        Assert.HasCount(expected.Length, actual, what);
        for (int i = 0; i < expected.Length; i++)
            CollectionAssert.AreEqual(expected[i].Select(BitConverter.SingleToInt32Bits).ToArray(),
                actual[i].Select(BitConverter.SingleToInt32Bits).ToArray(), $"{what}: row {i}");
    }

    /// <summary>Asserts two score tables agree within <paramref name="tolerance"/> (float rounding, not bits).</summary>
    public static void AssertClose(float[][] expected, float[][] actual, float tolerance, string what)
    {
        Assert.HasCount(expected.Length, actual, what);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.HasCount(expected[i].Length, actual[i], $"{what}: row {i}");
            for (int c = 0; c < expected[i].Length; c++)
                Assert.AreEqual(expected[i][c], actual[i][c], tolerance, $"{what}: row {i}, class {c}");
        }
    }
}
