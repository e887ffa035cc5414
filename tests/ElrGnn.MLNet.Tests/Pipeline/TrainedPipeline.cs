using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Training;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Pipeline;

/// <summary>One small ELR-GNN pipeline fitted once on synthetic conversations and shared by the pipeline tests.</summary>
internal sealed class TrainedPipeline
{
    private static readonly Lazy<TrainedPipeline> Shared = new(() => new TrainedPipeline());

    private TrainedPipeline()
    {
        MlContext = new MLContext(seed: 1);
        Data = new SyntheticConversations(new SyntheticConversationsOptions { Seed = 3, NumberOfConversations = 160 });
        Train = Data.ToDataView(MlContext, SyntheticConversations.TrainSplit);
        Valid = Data.ToDataView(MlContext, SyntheticConversations.ValidSplit);
        Test = Data.ToDataView(MlContext, SyntheticConversations.TestSplit);
        Model = Build(MlContext, Valid).Fit(Train);
    }

    public static TrainedPipeline Instance => Shared.Value;

    public MLContext MlContext { get; }

    public SyntheticConversations Data { get; }

    public IDataView Train { get; }

    public IDataView Valid { get; }

    public IDataView Test { get; }

    public ITransformer Model { get; }

    /// <summary>The pipeline of the public contract, with small sizes so it trains in seconds.</summary>
    public static IEstimator<ITransformer> Build(MLContext ml, IDataView? validation) =>
        ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.PrecomputeConversationGraph(new ConversationGraphOptions
            { ConversationIdColumnName = "DialogueId", TurnColumnName = "Turn", SpeakerColumnName = "Speaker" }))
            .Append(ml.MulticlassClassification.Trainers.ElrGnn(new ElrGnnTrainer.Options
            {
                FeatureColumnNames = ["Text", "Audio", "Visual"],
                LabelColumnName = "Label",
                HiddenSize = 32,
                ModelSize = 32,
                MaxEpochs = 25,
                LearningRate = 3e-3,
                Dropout = 0.2,
                ValidationSet = validation,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    public List<UtterancePrediction> Predict(ITransformer model, IDataView data) =>
        MlContext.Data.CreateEnumerable<UtterancePrediction>(model.Transform(data), reuseRowObject: false, ignoreMissingColumns: true).ToList();
}
