using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Orleans;
using ElrGnn.MLNet.Prediction;
using ElrGnn.MLNet.TestSupport;
using ElrGnn.MLNet.Training;
using Microsoft.ML;

namespace ElrGnn.MLNet.Hosting.Tests;

/// <summary>Two tiny ELR-GNN models (3 classes, features 8+4+4, two epochs, different seeds) saved once for all tests.</summary>
internal static class TinyModel
{
    private static readonly Lazy<string> FirstPath = new(() => Train(seed: 3));
    private static readonly Lazy<string> SecondPath = new(() => Train(seed: 11));

    /// <summary>Model A.</summary>
    public static string First => FirstPath.Value;

    /// <summary>Model B (other weights, same inputs).</summary>
    public static string Second => SecondPath.Value;

    public static SyntheticConversations Data { get; } = new(new SyntheticConversationsOptions
    {
        Seed = 5, NumberOfConversations = 30, MinLength = 3, MaxLength = 7,
        NumberOfClasses = 3, TextDimension = 8, AudioDimension = 4, VisualDimension = 4,
    });

    /// <summary>This run's temporary folders (deleted when the assembly's tests end).</summary>
    public static TestRunTempFolder Temp { get; } = new("elrgnn-hosting-tests");

    /// <summary>A fresh temporary folder.</summary>
    public static string NewTempDir() => Temp.NewDirectory();

    /// <summary>A copy of <paramref name="model"/> in a fresh folder (so a test may replace it).</summary>
    public static string CopyToTemp(string model)
    {
        string path = Path.Combine(NewTempDir(), "model.zip");
        File.Copy(model, path);
        return path;
    }

    /// <summary>Replaces <paramref name="target"/> with <paramref name="source"/> atomically (copy beside, then rename).</summary>
    public static void Replace(string target, string source)
    {
        string temporary = target + ".new";
        File.Copy(source, temporary, overwrite: true);
        File.Move(temporary, target, overwrite: true);
    }

    /// <summary>Test-split conversations as service rows.</summary>
    public static List<List<ConversationTurnInput>> Conversations() =>
        Data.GetRows(SyntheticConversations.TestSplit).GroupBy(r => r.DialogueId)
            .Select(g => g.OrderBy(r => r.Turn).Select(r => new ConversationTurnInput
            {
                DialogueId = r.DialogueId, Turn = r.Turn, Speaker = r.Speaker, Text = [.. r.Text], Audio = [.. r.Audio], Visual = [.. r.Visual],
            }).ToList()).ToList();

    /// <summary>A live turn with the row's features.</summary>
    public static LiveTurn ToLiveTurn(ConversationTurnInput row) => new()
    {
        Turn = row.Turn,
        Speaker = row.Speaker,
        Features = new(StringComparer.OrdinalIgnoreCase) { ["Text"] = row.Text, ["Audio"] = row.Audio, ["Visual"] = row.Visual },
    };

    /// <summary>A predictor of <paramref name="path"/> loaded independently of the code under test.</summary>
    public static ConversationPredictor<ConversationTurnInput, ConversationTurnOutput> LoadPredictor(string path)
    {
        var ml = new MLContext(seed: 1);
        var model = ElrGnn.MLNet.Persistence.ElrGnnComponents.Load(ml, path, out var schema);
        return model.CreateConversationPredictor<ConversationTurnInput, ConversationTurnOutput>(ml, schema);
    }

    /// <summary>Class names of <paramref name="path"/> in Score slot order.</summary>
    public static IReadOnlyList<string> LabelNames(string path)
    {
        var model = ElrGnn.MLNet.Persistence.ElrGnnComponents.Load(new MLContext(), path, out var schema);
        return ConversationModelInfo.From(model, schema).LabelNames;
    }

    private static string Train(int seed)
    {
        var ml = new MLContext(seed: 1);
        var train = Data.ToDataView(ml, SyntheticConversations.TrainSplit);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.PrecomputeConversationGraph(new ConversationGraphOptions()))
            .Append(ml.MulticlassClassification.Trainers.ElrGnn(new ElrGnnTrainer.Options
            {
                FeatureColumnNames = ["Text", "Audio", "Visual"], LabelColumnName = "Label",
                HiddenSize = 8, ModelSize = 8, TransformerHeads = 2, MaxEpochs = 2, BatchSize = 4, LearningRate = 5e-3, Seed = seed,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(train);
        string path = Path.Combine(NewTempDir(), $"tiny-{seed}.zip");
        ml.Model.Save(model, train.Schema, path);
        return path;
    }
}
