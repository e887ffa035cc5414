// This file was shaped like the code ML.NET Model Builder generates (*.consumption.cs): the model's input and output
// classes and a lazily created, thread-safe predictor. ELR-GNN predicts whole conversations, so Predict takes the
// utterances of one conversation instead of one row.
using ElrGnn.MLNet;
using ElrGnn.MLNet.Features;
using ElrGnn.MLNet.Prediction;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ModelBuilderStyle;

public partial class EmotionModel
{
    /// <summary>Model input: one utterance of a conversation.</summary>
    public class ModelInput
    {
        [ColumnName(@"DialogueId")]
        public string DialogueId { get; set; } = "";

        [ColumnName(@"Turn")]
        public int Turn { get; set; }

        [ColumnName(@"Speaker")]
        public string Speaker { get; set; } = "";

        /// <summary>The emotion (training and evaluation only; ignored when predicting).</summary>
        [ColumnName(@"Label")]
        public string Label { get; set; } = "";

        /// <summary>The utterance's text (used when the model was trained on transcripts).</summary>
        [ColumnName(@"Utterance")]
        public string Utterance { get; set; } = "";

        /// <summary>Text, audio and visual feature vectors (used when the model was trained on feature vectors);
        /// their sizes come from the model's input schema.</summary>
        [ColumnName(@"Text")]
        public float[] Text { get; set; } = [];

        [ColumnName(@"Audio")]
        public float[] Audio { get; set; } = [];

        [ColumnName(@"Visual")]
        public float[] Visual { get; set; } = [];
    }

    /// <summary>Model output: the predicted emotion of one utterance.</summary>
    public class ModelOutput
    {
        [ColumnName(@"DialogueId")]
        public string DialogueId { get; set; } = "";

        [ColumnName(@"Turn")]
        public int Turn { get; set; }

        [ColumnName(@"PredictedLabel")]
        public string PredictedLabel { get; set; } = "";

        /// <summary>Class probabilities, in the order of <see cref="GetLabels"/>.</summary>
        [ColumnName(@"Score")]
        public float[] Score { get; set; } = [];
    }

    /// <summary>Where <see cref="Train"/> saves the model and the predictor loads it from.</summary>
    public static string MLNetModelPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "EmotionModel.mlnet");

    private static readonly Lazy<(ConversationPredictor<ModelInput, ModelOutput> Predictor, string[] Labels)> PredictEngine =
        new(CreatePredictEngine, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Predicts the emotion of every utterance of one conversation, each with the whole conversation as
    /// context. Thread-safe: call it from as many threads as you like.</summary>
    public static IReadOnlyList<ModelOutput> Predict(IEnumerable<ModelInput> conversation) => PredictEngine.Value.Predictor.Predict(conversation);

    /// <summary>Like <see cref="Predict"/>, with every label and its score per utterance, best first.</summary>
    public static IReadOnlyList<IOrderedEnumerable<KeyValuePair<string, float>>> PredictAllLabels(IEnumerable<ModelInput> conversation)
    {
        var labels = GetLabels();
        return Predict(conversation)
            .Select(o => labels.Zip(o.Score, (l, s) => new KeyValuePair<string, float>(l, s)).OrderByDescending(kv => kv.Value))
            .ToList();
    }

    /// <summary>The class names, in the order of <see cref="ModelOutput.Score"/>.</summary>
    public static IReadOnlyList<string> GetLabels() => PredictEngine.Value.Labels;

    /// <summary>Starts a conversation that is scored turn by turn as it happens (one instance per conversation).</summary>
    public static ConversationStream<ModelInput, ModelOutput> StartConversation() => PredictEngine.Value.Predictor.StartConversation();

    private static (ConversationPredictor<ModelInput, ModelOutput>, string[]) CreatePredictEngine()
    {
        var mlContext = new MLContext().RegisterElrGnn();
        mlContext.RegisterUtteranceEmbeddings(); // models trained on transcripts (frozen or fine-tuned MiniLM)
        var model = mlContext.Model.Load(MLNetModelPath, out var inputSchema);
        VBuffer<ReadOnlyMemory<char>> keys = default;
        model.GetOutputSchema(inputSchema)["Label"].GetKeyValues(ref keys);
        return (model.CreateConversationPredictor<ModelInput, ModelOutput>(mlContext, inputSchema),
            [.. keys.DenseValues().Select(k => k.ToString())]);
    }
}
