// This file was shaped like the code ML.NET Model Builder generates (*.training.cs): the pipeline, retraining on new
// data, and saving. Train(...) is what the app calls; BuildPipeline / RetrainModel are there to reuse.
using ElrGnn.MLNet;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Evaluation;
using ElrGnn.MLNet.Features;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace ModelBuilderStyle;

public partial class EmotionModel
{
    /// <summary>Train / valid / test views; <paramref name="TextFromUtterances"/>: the rows carry text, not feature vectors.</summary>
    public sealed record TrainingData(IDataView Train, IDataView Valid, IDataView Test, bool TextFromUtterances);

    /// <summary>Trains on <paramref name="dataPath"/> (a folder with utterances.csv, or null for the built-in synthetic
    /// conversations), prints the test metrics and saves the model to <paramref name="outputModelPath"/>.</summary>
    public static void Train(string outputModelPath, string? dataPath = null, int? epochs = null)
    {
        var mlContext = new MLContext(seed: 1);
        var data = LoadData(mlContext, dataPath);
        var model = RetrainModel(mlContext, data, epochs);

        var scored = model.Transform(data.Test);
        var metrics = mlContext.MulticlassClassification.Evaluate(scored);
        VBuffer<ReadOnlyMemory<char>> keys = default;
        scored.Schema["Label"].GetKeyValues(ref keys);
        var report = metrics.ToReport([.. keys.DenseValues().Select(k => k.ToString())]);
        Console.WriteLine($"Test: accuracy {report.Accuracy:P1}, weighted F1 {report.WeightedF1:P1}, macro F1 {report.MacroF1:P1}");

        SaveModel(mlContext, model, data.Train, outputModelPath);
    }

    /// <summary>Loads the built-in synthetic conversations (null) or an utterances.csv table with a split column.</summary>
    public static TrainingData LoadData(MLContext mlContext, string? dataPath)
    {
        if (dataPath is null)
        {
            var synthetic = new SyntheticConversations();
            return new TrainingData(synthetic.ToDataView(mlContext, SyntheticConversations.TrainSplit),
                synthetic.ToDataView(mlContext, SyntheticConversations.ValidSplit),
                synthetic.ToDataView(mlContext, SyntheticConversations.TestSplit), TextFromUtterances: false);
        }
        var rows = UtteranceCsv.Read(dataPath);
        IDataView Split(params string[] names) => UtteranceCsv.ToDataView(mlContext,
            rows.Where(r => names.Contains(r.Split.Trim(), StringComparer.OrdinalIgnoreCase)));
        return new TrainingData(Split("train"), Split("valid", "dev", "validation"), Split("test"), TextFromUtterances: true);
    }

    /// <summary>Fits the pipeline on <paramref name="data"/>'s train split; its valid split picks the epoch.</summary>
    public static ITransformer RetrainModel(MLContext mlContext, TrainingData data, int? epochs = null)
    {
        var validation = data.Valid;
        if (data.TextFromUtterances) // the trainer reads validation rows as they are: give them their text vectors (once)
            validation = mlContext.Data.Cache(mlContext.Transforms.EmbedUtterances("Text", "Utterance").Fit(validation).Transform(validation));
        return BuildPipeline(mlContext, validation, data.TextFromUtterances, epochs).Fit(data.Train);
    }

    /// <summary>The pipeline: label → key, [text → MiniLM vectors], speaker graph, ELR-GNN, key → label.</summary>
    public static IEstimator<ITransformer> BuildPipeline(MLContext mlContext, IDataView? validation, bool textFromUtterances, int? epochs = null)
    {
        IEstimator<ITransformer> pipeline = mlContext.Transforms.Conversion.MapValueToKey(@"Label", @"Label",
            keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
        ElrGnnTrainer.Options options;
        if (textFromUtterances)
        {
            pipeline = pipeline.Append(mlContext.Transforms.EmbedUtterances(@"Text", @"Utterance"));
            options = ElrGnnTrainer.Options.ForIemocapText();
            options.FeatureColumnNames = [@"Text"];
        }
        else
        {
            options = new ElrGnnTrainer.Options
            {
                FeatureColumnNames = [@"Text", @"Audio", @"Visual"],
                HiddenSize = 64,
                ModelSize = 64,
                LearningRate = 3e-3,
                Dropout = 0.2,
                MaxEpochs = 20,
            };
        }
        options.LabelColumnName = @"Label";
        options.MaxEpochs = epochs ?? options.MaxEpochs;
        options.Seed = 1;
        options.ValidationSet = validation;
        options.Progress = new EpochPrinter();
        return pipeline
            .Append(mlContext.Transforms.PrecomputeConversationGraph(new ConversationGraphOptions
                { ConversationIdColumnName = @"DialogueId", TurnColumnName = @"Turn", SpeakerColumnName = @"Speaker" }))
            .Append(mlContext.MulticlassClassification.Trainers.ElrGnn(options))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue(@"PredictedLabel", @"PredictedLabel"));
    }

    /// <summary>Saves <paramref name="model"/> with the schema of <paramref name="trainData"/>.</summary>
    public static void SaveModel(MLContext mlContext, ITransformer model, IDataView trainData, string modelSavePath)
    {
        mlContext.Model.Save(model, trainData.Schema, modelSavePath);
        Console.WriteLine($"Saved {modelSavePath}");
    }

    private sealed class EpochPrinter : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress p) =>
            Console.WriteLine($"  epoch {p.Epoch}/{p.MaxEpochs}: loss {p.TrainLoss:F4}, valid W-F1 {p.ValidationWeightedF1:P1}{(p.IsBest ? " (best)" : "")}");
    }
}
