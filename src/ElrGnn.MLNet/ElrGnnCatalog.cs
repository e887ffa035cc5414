using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Training;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;

namespace ElrGnn.MLNet;

/// <summary>
/// The front door of ElrGnn.MLNet: extension methods on ML.NET's catalogs.
/// <code>
/// var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
///     .Append(ml.Transforms.PrecomputeConversationGraph(new ConversationGraphOptions()))
///     .Append(ml.MulticlassClassification.Trainers.ElrGnn(new ElrGnnTrainer.Options()))
///     .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
/// </code>
/// Each method also registers the library's model loaders with the context, so a model saved from it loads back;
/// a context that only loads calls <see cref="RegisterElrGnn"/> (or <see cref="ElrGnnComponents.Register(MLContext)"/>).
/// </summary>
public static class ElrGnnCatalog
{
    /// <summary>
    /// Precomputes ELR-GNN's emotion propagation (dilated generalized forward push, top-k) once per conversation.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Column names and graph hyper-parameters; null = defaults (<see cref="ConversationGraphOptions.ForIemocap"/>).</param>
    /// <returns>The estimator.</returns>
    /// <example><code>ml.Transforms.PrecomputeConversationGraph(ConversationGraphOptions.ForMeld())</code> (see samples/QuickStart).</example>
    public static ConversationGraphEstimator PrecomputeConversationGraph(this TransformsCatalog catalog, ConversationGraphOptions? options = null)
        => new(Environment(catalog), options ?? new ConversationGraphOptions());

    /// <summary>Precomputes the conversation graph with default hyper-parameters and the given column names.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="conversationIdColumnName">Conversation id column (text). Default "DialogueId".</param>
    /// <param name="turnColumnName">Turn column (integer). Default "Turn".</param>
    /// <param name="speakerColumnName">Speaker column (text). Default "Speaker".</param>
    /// <returns>The estimator.</returns>
    public static ConversationGraphEstimator PrecomputeConversationGraph(this TransformsCatalog catalog, string conversationIdColumnName,
        string turnColumnName = ConversationColumns.Turn, string speakerColumnName = ConversationColumns.Speaker)
        => catalog.PrecomputeConversationGraph(new ConversationGraphOptions
        {
            ConversationIdColumnName = conversationIdColumnName,
            TurnColumnName = turnColumnName,
            SpeakerColumnName = speakerColumnName,
        });

    /// <summary>The ELR-GNN multiclass trainer for emotion recognition in conversations.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">All hyper-parameters (<see cref="ElrGnnTrainer.Options.ForIemocap"/> / <see cref="ElrGnnTrainer.Options.ForMeld"/> presets).</param>
    /// <returns>The trainer.</returns>
    /// <example><code>ml.MulticlassClassification.Trainers.ElrGnn(new ElrGnnTrainer.Options { FeatureColumnNames = ["Text"] })</code></example>
    public static ElrGnnTrainer ElrGnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, ElrGnnTrainer.Options options)
        => new(Environment(catalog), options ?? throw new ArgumentNullException(nameof(options)));

    /// <summary>The ELR-GNN trainer with the most used settings as parameters; everything else at its default.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">Label column (text or key). Default "Label".</param>
    /// <param name="featureColumnNames">Feature vector columns. Default Text, Audio, Visual.</param>
    /// <param name="maxEpochs">Epochs at most. Default 60.</param>
    /// <param name="device">"cpu" (default) or "cuda".</param>
    /// <returns>The trainer.</returns>
    public static ElrGnnTrainer ElrGnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = ConversationColumns.Label, string[]? featureColumnNames = null,
        int maxEpochs = ElrGnnDefaults.MaxEpochs, string device = ElrGnnDefaults.Device)
        => catalog.ElrGnn(new ElrGnnTrainer.Options
        {
            LabelColumnName = labelColumnName,
            FeatureColumnNames = featureColumnNames ?? [.. ElrGnnDefaults.FeatureColumnNames],
            MaxEpochs = maxEpochs,
            Device = device,
        });

    /// <summary>Registers ElrGnn.MLNet's model loaders with a context that will only load models.</summary>
    /// <param name="mlContext">The context.</param>
    /// <returns>The same context.</returns>
    public static MLContext RegisterElrGnn(this MLContext mlContext) => ElrGnnComponents.Register(mlContext);

    /// <summary>
    /// Joins pre-extracted feature vectors (a community pickle, a feature CSV keyed by dialogue_id and turn, or an
    /// in-memory table) onto a table of utterances by (conversation id, turn), so a pipeline can start from the
    /// user's own utterance table. A row whose key the source lacks is a <see cref="Data.ConversationDataException"/>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The source (<see cref="FeatureJoinOptions.SourcePath"/> or <see cref="FeatureJoinOptions.SourceData"/>),
    /// the columns to attach (default Text, Audio, Visual) and the key columns (default "DialogueId", "Turn").</param>
    /// <returns>The estimator.</returns>
    /// <example><code>ml.Transforms.LoadConversationFeatures(new FeatureJoinOptions { SourcePath = "IEMOCAP_features.pkl" })</code></example>
    public static FeatureJoinEstimator LoadConversationFeatures(this TransformsCatalog catalog, FeatureJoinOptions options)
        => new(Environment(catalog), options ?? throw new ArgumentNullException(nameof(options)));

    private static Microsoft.ML.Runtime.IHostEnvironment Environment(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var env = MlNetInternals.GetEnvironment(catalog);
        ElrGnnComponents.Register(env);
        return env;
    }
}
