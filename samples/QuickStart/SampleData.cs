using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Features;
using ElrGnn.MLNet.Prediction;
using ElrGnn.MLNet.Training;
using Microsoft.ML;

namespace QuickStart;

/// <summary>The sample's data: splits, the preparation steps the pipeline starts with, trainer settings, and one test conversation.</summary>
internal abstract class SampleData
{
    public required string Description { get; init; }
    public required IDataView Train { get; init; }
    public required IDataView Valid { get; init; }
    public required IDataView Test { get; init; }
    public required ElrGnnTrainer.Options TrainerOptions { get; init; }

    /// <summary>The first pipeline steps: label → key (and, for transcripts, text → MiniLM vectors).</summary>
    public abstract IEstimator<ITransformer> Prepare(MLContext ml);

    /// <summary>Scores one test conversation with <paramref name="model"/> and prints it turn by turn.</summary>
    public abstract void PredictOneConversation(ITransformer model, MLContext ml, DataViewSchema inputSchema);

    /// <summary>The built-in synthetic conversations: text, audio and visual vectors; labels need context.</summary>
    public static SampleData Synthetic(MLContext ml)
    {
        var data = new SyntheticConversations();
        return new Typed<SyntheticUtterance>(data.GetRows(SyntheticConversations.TestSplit).ToList())
        {
            Description = $"{data.Options.NumberOfConversations} synthetic conversations, {data.Rows.Count} utterances, classes {string.Join(" ", data.ClassNames)}",
            Train = data.ToDataView(ml, SyntheticConversations.TrainSplit),
            Valid = data.ToDataView(ml, SyntheticConversations.ValidSplit),
            Test = data.ToDataView(ml, SyntheticConversations.TestSplit),
            // Small and quick: the synthetic set is small. Real data: ElrGnnTrainer.Options.ForIemocap() / ForMeld().
            TrainerOptions = new ElrGnnTrainer.Options
            {
                FeatureColumnNames = ["Text", "Audio", "Visual"],
                HiddenSize = 64,
                ModelSize = 64,
                LearningRate = 3e-3,
                Dropout = 0.2,
                MaxEpochs = 20,
                Seed = 1,
            },
        };
    }

    /// <summary>A transcript table (utterances.csv layout with a split column); the text becomes MiniLM vectors.</summary>
    public static SampleData FromUtteranceCsv(MLContext ml, string path)
    {
        var rows = UtteranceCsv.Read(path);
        var bySplit = rows.ToLookup(r => r.Split.Trim().ToLowerInvariant() is "dev" or "validation" ? "valid" : r.Split.Trim().ToLowerInvariant());
        IDataView View(string split) => bySplit[split].Any()
            ? UtteranceCsv.ToDataView(ml, bySplit[split])
            : throw new InvalidOperationException($"'{path}' has no '{split}' rows (split column).");
        var embed = ml.Transforms.EmbedUtterances("Text", "Utterance");
        var valid = View("valid");
        var options = ElrGnnTrainer.Options.ForIemocapText();
        options.FeatureColumnNames = ["Text"];
        options.Seed = 1;
        return new Typed<UtteranceRecord>(bySplit["test"].ToList())
        {
            Description = $"{path}: {rows.Select(r => r.DialogueId).Distinct().Count()} conversations, {rows.Count} utterances " +
                $"(train {bySplit["train"].Count()} / valid {bySplit["valid"].Count()} / test {bySplit["test"].Count()}); text → MiniLM (cached on disk, first run is slow)",
            Train = View("train"),
            // The trainer reads validation rows as they are, so they get their text vectors here; cached, embedded once.
            Valid = ml.Data.Cache(embed.Fit(valid).Transform(valid)),
            Test = View("test"),
            TrainerOptions = options,
            EmbedsText = true,
        };
    }

    private bool EmbedsText { get; init; }

    private sealed class Typed<TRow>(List<TRow> testRows) : SampleData where TRow : UtteranceRecord
    {
        public override IEstimator<ITransformer> Prepare(MLContext ml)
        {
            // Classes in sorted order, so that scores, tables and reports list them that way.
            IEstimator<ITransformer> steps = ml.Transforms.Conversion.MapValueToKey("Label",
                keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue);
            return EmbedsText ? steps.Append(ml.Transforms.EmbedUtterances("Text", "Utterance")) : steps;
        }

        public override void PredictOneConversation(ITransformer model, MLContext ml, DataViewSchema inputSchema)
        {
            var conversation = testRows.GroupBy(r => r.DialogueId).First().OrderBy(r => r.Turn).ToList();
            var predictor = model.CreateConversationPredictor<TRow, UtteranceEmotion>(ml, inputSchema);
            var predicted = predictor.Predict(conversation);
            Console.WriteLine($"Conversation {conversation[0].DialogueId} ({conversation.Count} turns), predicted by the loaded model:");
            Console.WriteLine("turn  speaker  true   predicted  confidence  text");
            int correct = 0;
            for (int i = 0; i < conversation.Count; i++)
            {
                var (row, p) = (conversation[i], predicted[i]);
                correct += row.Label == p.PredictedLabel ? 1 : 0;
                Console.WriteLine($"{row.Turn,4}  {row.Speaker,-7}  {row.Label,-5}  {p.PredictedLabel,-9}  {p.Score.Max(),10:P0}  {Shorten(row.Utterance)}");
            }
            Console.WriteLine($"{correct} of {conversation.Count} turns correct.");
        }

        private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
    }
}

/// <summary>What the pipeline gives back for one utterance.</summary>
internal sealed class UtteranceEmotion
{
    public string PredictedLabel { get; set; } = "";
    public float[] Score { get; set; } = [];
}

/// <summary>Prints one line per epoch as the trainer reports it.</summary>
internal sealed class ConsoleProgress : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress p) => Console.WriteLine(
        $"  epoch {p.Epoch,3}/{p.MaxEpochs}  loss {p.TrainLoss:F4}  valid W-F1 {p.ValidationWeightedF1:P1}  {p.Seconds,5:F1}s{(p.IsBest ? "  *best" : "")}");
}

/// <summary>[data path] [--epochs N]; ELRGNN_EPOCHS also sets the epochs.</summary>
internal static class CommandLine
{
    public static (string? DataPath, int? Epochs) Parse(string[] args)
    {
        string? path = null;
        int? epochs = int.TryParse(Environment.GetEnvironmentVariable("ELRGNN_EPOCHS"), out var e) ? e : null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--epochs" && i + 1 < args.Length)
                epochs = int.Parse(args[++i]);
            else
                path = args[i];
        }
        return (path, epochs);
    }
}
