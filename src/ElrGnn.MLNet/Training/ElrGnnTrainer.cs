using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Native;
using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Training;

/// <summary>
/// The ELR-GNN trainer as an ML.NET estimator: reads conversations (one row per utterance) and the precomputed
/// propagation Π from its input, trains the network of <c>ELR-GNN.md</c>, and returns an
/// <see cref="ElrGnnTransformer"/> that appends <c>Score</c> and <c>PredictedLabel</c>.
/// Create it with <c>mlContext.MulticlassClassification.Trainers.ElrGnn(...)</c>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>Input</term><description>conversation id, turn, speaker, label (text or key), float vector features
/// (<see cref="Options.FeatureColumnNames"/>), and the graph columns of <c>PrecomputeConversationGraph</c>.</description></item>
/// <item><term>Validation</term><description><see cref="Options.ValidationSet"/> (raw or transformed rows; labels are
/// matched by name), else the first <see cref="Options.ValidationFraction"/> of the training conversations.</description></item>
/// <item><term>Progress</term><description>one line per epoch on ML.NET's log (<c>MLContext.Log</c>) and
/// <see cref="Options.Progress"/>; <see cref="Options.CancellationToken"/> stops after the current batch and keeps
/// the best model so far.</description></item>
/// </list>
/// Rows may arrive in any order; the estimator itself is immutable.
/// </remarks>
public sealed partial class ElrGnnTrainer : IEstimator<ElrGnnTransformer>
{
    private readonly IHostEnvironment _env;
    private readonly Options _options;

    internal ElrGnnTrainer(IHostEnvironment env, Options options)
    {
        _env = env ?? throw new ArgumentNullException(nameof(env));
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Trains on <paramref name="input"/> with the options' validation set (if any).</summary>
    public ElrGnnTransformer Fit(IDataView input) => Fit(input, _options.ValidationSet);

    /// <summary>Trains on <paramref name="trainData"/>, selecting the epoch on <paramref name="validationData"/>.</summary>
    /// <exception cref="ConversationDataException">Bad input; the message names the column, conversation and turn.</exception>
    public ElrGnnTransformer Fit(IDataView trainData, IDataView? validationData)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        TorchNative.EnsureLoaded();
        using var channel = _env.Start("ElrGnn");
        var columns = ColumnsOf(_options);
        var trainSet = columns.Reader(_options.LabelColumnName).Read(trainData);
        if (trainSet.Conversations.Count == 0)
            throw new ConversationDataException("the training data has no rows.", column: _options.ConversationIdColumnName);
        // Training data must carry the precomputed graph; its recorded options serve validation data and scoring
        // inputs that lack the graph columns (defaults when the columns came from elsewhere without them).
        var recorded = PropagationSource.OptionsFromSchema(trainData.Schema);
        var config = NetworkConfig.FromOptions(_options, trainSet.FeatureDimensions, trainSet.LabelNames.Count);
        var trainItems = Items(config, trainSet, PropagationSource.Get(trainData, trainSet, recorded));
        var graphOptions = recorded ?? new ConversationGraphOptions();

        IReadOnlyList<BatchItem>? validItems = null;
        if (validationData is not null)
        {
            var validSet = columns.Reader(_options.LabelColumnName, trainSet.LabelNames, trainSet.FeatureDimensions).Read(validationData);
            validItems = Items(config, validSet, PropagationSource.Get(validationData, validSet, graphOptions));
        }
        else if (_options.ValidationFraction > 0 && trainItems.Count > 1)
        {
            (var kept, var heldOut) = TrainingSplit.HoldOutFirst(trainItems, _options.ValidationFraction);
            (trainItems, validItems) = (kept, heldOut);
        }

        int seed = Seeding.Resolve(_options.Seed, MlNetInternals.GetSeed(_env));
        channel.Info(MessageSensitivity.None, $"ELR-GNN: {trainItems.Count} training and {validItems?.Count ?? 0} validation conversations, " +
                     $"{trainSet.LabelNames.Count} classes, features {string.Join("+", trainSet.FeatureDimensions)}, seed {seed}, device {_options.Device}.");
        var progress = new Progress(channel, _options.Progress);
        var result = TrainingLoop.Run(config, _options, trainItems, validItems, seed, progress, _options.CancellationToken);
        channel.Info(MessageSensitivity.None, $"ELR-GNN: best epoch {result.BestEpoch} of {result.EpochsCompleted}{(result.Cancelled ? " (cancelled)" : "")}.");
        return new ElrGnnTransformer(_env, result.Network, trainSet.LabelNames, columns, trainSet.FeatureDimensions,
            graphOptions, (_options.SpeakerGraphPastWindow, _options.SpeakerGraphFutureWindow), new ElrGnnTrainingSummary(result, seed));
    }

    /// <summary>The input columns plus <c>Score</c> (vector of float) and <c>PredictedLabel</c> (key).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ColumnsOf(_options).Reader(_options.LabelColumnName).ValidateSchema(inputSchema);
        // The class count is known only after reading the labels; a one-class placeholder carries the kinds.
        return AppendedSchema.BuildShape(inputSchema, ElrGnnTransformer.OutputColumns(["?"]));
    }

    internal static ElrGnnColumns ColumnsOf(Options options) => new(options.ConversationIdColumnName, options.TurnColumnName,
        options.SpeakerColumnName, [.. options.FeatureColumnNames]);

    private IReadOnlyList<BatchItem> Items(NetworkConfig config, ConversationSet set, IReadOnlyList<SparseRows> propagation)
        => BatchItem.ForNetwork(config, set.Conversations, propagation, (_options.SpeakerGraphPastWindow, _options.SpeakerGraphFutureWindow));

    // Forwards each epoch to ML.NET's log and the user's callback.
    private sealed class Progress(IChannel channel, IProgress<TrainingProgress>? user) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            var valid = value.ValidationWeightedF1 is { } f1
                ? string.Create(culture, $", validation W-F1 {f1:P2}, accuracy {value.ValidationAccuracy:P2}")
                : "";
            channel.Info(MessageSensitivity.None, string.Create(culture,
                $"ELR-GNN epoch {value.Epoch}/{value.MaxEpochs}: loss {value.TrainLoss:F4}{valid}, {value.Seconds:F2} s{(value.IsBest ? " (best)" : "")}"));
            user?.Report(value);
        }
    }
}
