// A tiny app over the Model Builder-style EmotionModel: train (when there is no model yet, or with --retrain), then
// predict one conversation, and several at once from many threads.
//
//   dotnet run                                    built-in synthetic conversations
//   dotnet run -- --retrain --epochs 3            retrain, fewer epochs (or ELRGNN_EPOCHS=3)
//   dotnet run -- --retrain ../../../shared/data/iemocap   a folder with utterances.csv
using ElrGnn.MLNet.Data;
using ModelBuilderStyle;
using ModelInput = ModelBuilderStyle.EmotionModel.ModelInput;

string? dataPath = null;
bool retrain = false;
int? epochs = int.TryParse(Environment.GetEnvironmentVariable("ELRGNN_EPOCHS"), out var e) ? e : null;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--retrain") retrain = true;
    else if (args[i] == "--epochs") epochs = int.Parse(args[++i]);
    else dataPath = args[i];
}

if (retrain || !File.Exists(EmotionModel.MLNetModelPath))
{
    Console.WriteLine($"Training {EmotionModel.MLNetModelPath} on {dataPath ?? "the built-in synthetic conversations"} ...");
    EmotionModel.Train(EmotionModel.MLNetModelPath, dataPath, epochs);
}

// Some test conversations, as the app's own objects.
var conversations = TestConversations(dataPath).Take(8).ToList();

// One conversation: every utterance's emotion, with the full conversation as context.
var first = conversations[0];
var predictions = EmotionModel.PredictAllLabels(first);
Console.WriteLine($"\nConversation {first[0].DialogueId}:");
for (int i = 0; i < first.Count; i++)
{
    var top = predictions[i].Take(2).ToList();
    Console.WriteLine($"  turn {first[i].Turn,2} {first[i].Speaker,-5} true {first[i].Label,-4} predicted {top[0].Key,-4} ({top[0].Value:P0}; next {top[1].Key} {top[1].Value:P0})");
}

// The predictor is created once, lazily, and is safe to share: score the conversations in parallel.
var results = new IReadOnlyList<EmotionModel.ModelOutput>[conversations.Count];
Parallel.For(0, conversations.Count, k => results[k] = EmotionModel.Predict(conversations[k]));
int correct = 0, total = 0;
for (int k = 0; k < conversations.Count; k++)
    for (int i = 0; i < conversations[k].Count; i++, total++)
        correct += conversations[k][i].Label == results[k][i].PredictedLabel ? 1 : 0;
Console.WriteLine($"\n{conversations.Count} conversations scored in parallel: {correct} of {total} utterances correct ({(double)correct / total:P1}).");

static IEnumerable<List<ModelInput>> TestConversations(string? dataPath)
{
    IEnumerable<ModelInput> rows = dataPath is null
        ? new SyntheticConversations().GetRows(SyntheticConversations.TestSplit).Select(r => new ModelInput
            { DialogueId = r.DialogueId, Turn = r.Turn, Speaker = r.Speaker, Label = r.Label, Utterance = r.Utterance, Text = r.Text, Audio = r.Audio, Visual = r.Visual })
        : UtteranceCsv.Read(dataPath).Where(r => r.Split.Equals("test", StringComparison.OrdinalIgnoreCase)).Select(r => new ModelInput
            { DialogueId = r.DialogueId, Turn = r.Turn, Speaker = r.Speaker, Label = r.Label, Utterance = r.Utterance });
    return rows.GroupBy(r => r.DialogueId).Select(g => g.OrderBy(r => r.Turn).ToList());
}
