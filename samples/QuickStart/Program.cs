// ElrGnn.MLNet quick start: load conversations, build the pipeline, fit, evaluate, save, load, predict a conversation.
//
//   dotnet run                                  built-in synthetic conversations (about a minute on 2 cores)
//   dotnet run -- --epochs 3                    fewer epochs (or ELRGNN_EPOCHS=3)
//   dotnet run -- ../../../shared/data/iemocap  a folder with utterances.csv (text → MiniLM vectors)
using ElrGnn.MLNet;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Evaluation;
using ElrGnn.MLNet.Features;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Prediction;
using ElrGnn.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using QuickStart;

var (dataPath, epochs) = CommandLine.Parse(args);
var ml = new MLContext(seed: 1);

// 1. Conversations: one row per utterance (conversation id, turn, speaker, label, feature vectors), in three splits.
var data = dataPath is null ? SampleData.Synthetic(ml) : SampleData.FromUtteranceCsv(ml, dataPath);
Console.WriteLine($"Data: {data.Description}");

// 2. The pipeline: label → key, [text → MiniLM vectors], speaker graph, ELR-GNN, key → label.
var trainer = data.TrainerOptions;
trainer.MaxEpochs = epochs ?? trainer.MaxEpochs;
trainer.ValidationSet = data.Valid;
trainer.Progress = new ConsoleProgress();
var pipeline = data.Prepare(ml)
    .Append(ml.Transforms.PrecomputeConversationGraph(new ConversationGraphOptions
        { ConversationIdColumnName = "DialogueId", TurnColumnName = "Turn", SpeakerColumnName = "Speaker" }))
    .Append(ml.MulticlassClassification.Trainers.ElrGnn(trainer))
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

// 3. Fit (the best epoch on the validation split is kept).
Console.WriteLine($"Training ELR-GNN for up to {trainer.MaxEpochs} epochs on {string.Join(", ", trainer.FeatureColumnNames)} ...");
var model = pipeline.Fit(data.Train);

// 4. Evaluate on the test split (class names come from the Label key column).
var scored = model.Transform(data.Test);
var metrics = ml.MulticlassClassification.Evaluate(scored);
VBuffer<ReadOnlyMemory<char>> classNames = default;
scored.Schema["Label"].GetKeyValues(ref classNames);
var report = metrics.ToReport([.. classNames.DenseValues().Select(v => v.ToString())]);
Console.WriteLine();
Console.WriteLine($"Test: accuracy {report.Accuracy:P1}, weighted F1 {report.WeightedF1:P1}, macro F1 {report.MacroF1:P1}");
Console.WriteLine("Per-class F1: " + string.Join(", ", report.PerClassF1ByLabel.Select(kv => $"{kv.Key} {kv.Value:P0}")));
Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

// 5. Save, then load in a fresh context (as another process would).
var modelPath = Path.Combine(AppContext.BaseDirectory, "elrgnn-quickstart.zip");
ml.Model.Save(model, data.Train.Schema, modelPath);
Console.WriteLine($"Saved {modelPath} ({new FileInfo(modelPath).Length / 1024.0:F0} KiB)");
var ml2 = new MLContext().RegisterElrGnn();
ml2.RegisterUtteranceEmbeddings(); // only needed when the model embeds text (frozen or fine-tuned MiniLM)
var loaded = ml2.Model.Load(modelPath, out var inputSchema);

// 6. Predict one whole test conversation with the loaded model: every turn sees the conversation as context.
Console.WriteLine();
data.PredictOneConversation(loaded, ml2, inputSchema);
