using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Prediction;
using ElrGnn.MLNet.Tests.Pipeline;
using ElrGnn.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.Prediction;

/// <summary>
/// A task where the turn that decides each label is known: some turns are "signal" turns whose features name a
/// class (one-hot plus a marker); every other utterance's label is the class of the latest signal turn before it,
/// so exactly one context turn decides it (consecutive signals differ, so leaving that turn out changes the label).
/// The first turn is always a signal turn and is labelled with its own class. A small model is fitted once.
/// </summary>
internal sealed class DecidingTurnModel
{
    public const int Classes = 4;
    public const int Dimension = 8;

    private static readonly Lazy<DecidingTurnModel> Shared = new(() => new DecidingTurnModel());

    private DecidingTurnModel()
    {
        MlContext = new MLContext(seed: 1);
        var train = Conversations(seed: 1, count: 100).SelectMany(c => c);
        Model = Pipeline(MlContext).Fit(View(train));
    }

    public static DecidingTurnModel Instance => Shared.Value;

    public MLContext MlContext { get; }

    public ITransformer Model { get; }

    public static SchemaDefinition Schema()
    {
        var schema = SchemaDefinition.Create(typeof(DecidingTurnRow));
        schema[nameof(DecidingTurnRow.Text)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Dimension);
        return schema;
    }

    public IDataView View(IEnumerable<DecidingTurnRow> rows) => MlContext.Data.LoadFromEnumerable(rows.ToList(), Schema());

    public ConversationPredictor<DecidingTurnRow, UtterancePrediction> Predictor() =>
        Model.CreateConversationPredictor<DecidingTurnRow, UtterancePrediction>(MlContext, View([]).Schema);

    /// <summary>Conversations of 6–10 turns, two speakers, seeded.</summary>
    public static List<List<DecidingTurnRow>> Conversations(int seed, int count)
    {
        var rng = new Random(seed);
        var result = new List<List<DecidingTurnRow>>();
        for (int d = 0; d < count; d++)
        {
            int length = rng.Next(6, 11);
            var rows = new List<DecidingTurnRow>();
            int signalClass = -1, signalTurn = -1;
            for (int t = 0; t < length; t++)
            {
                bool signal = t == 0 || rng.NextDouble() < 0.35;
                int own = signal ? NextClass(rng, signalClass) : -1;
                var features = new float[Dimension];
                for (int k = 0; k < Dimension; k++)
                    features[k] = (float)(rng.NextDouble() - 0.5) * 0.6f;
                if (signal)
                {
                    features[own] += 3f;
                    features[Classes] += 3f;
                }
                int label = t == 0 ? own : signalClass;
                rows.Add(new DecidingTurnRow
                {
                    DialogueId = $"s{seed}d{d:D3}", Turn = t, Speaker = rng.Next(2) == 0 ? "A" : "B",
                    Label = $"c{label}", Text = features, DecidingTurn = t == 0 ? -1 : signalTurn,
                });
                if (signal)
                    (signalClass, signalTurn) = (own, t);
            }
            result.Add(rows);
        }
        return result;
    }

    private static int NextClass(Random rng, int previous)
    {
        int c = rng.Next(previous < 0 ? Classes : Classes - 1);
        return previous >= 0 && c >= previous ? c + 1 : c;
    }

    private static IEstimator<ITransformer> Pipeline(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.PrecomputeConversationGraph(new ConversationGraphOptions
            { ConversationIdColumnName = "DialogueId", TurnColumnName = "Turn", SpeakerColumnName = "Speaker" }))
            .Append(ml.MulticlassClassification.Trainers.ElrGnn(new ElrGnnTrainer.Options
            {
                FeatureColumnNames = ["Text"],
                LabelColumnName = "Label",
                HiddenSize = 16,
                ModelSize = 16,
                TransformerHeads = 2,
                MaxEpochs = 12,
                BatchSize = 16,
                LearningRate = 5e-3,
                Dropout = 0.1,
                Seed = 2,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
}
