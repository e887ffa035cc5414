using ElrGnn.Cli.Data;
using ElrGnn.MLNet;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Features;
using ElrGnn.MLNet.Training;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.Cli.Running;

/// <summary>
/// Fits the CLI's pipeline: MapValueToKey(Label) → [EmbedUtterances(Text ← Utterance)] → PrecomputeConversationGraph →
/// ElrGnn → MapKeyToValue(PredictedLabel). The epoch is chosen on the validation split only.
/// </summary>
internal static class TrainingSession
{
    /// <summary>The fitted pipeline as one flat chain, its network step, the steps after the shared prefix (graph,
    /// network, key-to-value: they run on <see cref="PreparedData"/> views) and the graph precompute time.</summary>
    public sealed record Result(ITransformer Model, ElrGnnTransformer Network, ITransformer AfterPrefix, double PrecomputeSeconds);

    /// <summary>The label-key (and MiniLM text) prefix, fitted once, and every split passed through it (cached);
    /// <see cref="Tuning"/> says how a tuned text encoder was tuned (null for frozen or no text), <see cref="TunedNow"/> whether
    /// that tuning ran in this process (false: it came from the tuned-encoder cache).</summary>
    public sealed record PreparedData(ITransformer Prefix, IDataView Train, IDataView? Valid, IDataView Test, EncoderTuningSummary? Tuning = null,
        bool TunedNow = false);

    /// <summary>Fits the pipeline on <paramref name="data"/>'s train split (valid split for epoch selection).</summary>
    /// <param name="ml">The context.</param>
    /// <param name="data">Loaded data with a train split.</param>
    /// <param name="settings">Preset, modalities, epochs, seed and device.</param>
    /// <param name="progress">Receives each epoch.</param>
    /// <param name="cancellation">Stops training after the current batch; the best model so far is kept.</param>
    public static Result Fit(MLContext ml, LoadedData data, TrainSettings settings, IProgress<TrainingProgress> progress,
        CancellationToken cancellation) =>
        Fit(ml, Prepare(ml, data), settings, progress, cancellation);

    /// <summary>Fits the label-key step (every class of the data set, in its order) and, for CSV data, the MiniLM text
    /// step on the train split (frozen, or tuned when <paramref name="textEncoder"/> says so), and passes each split
    /// through them once.</summary>
    public static PreparedData Prepare(MLContext ml, LoadedData data, TextEncoderChoice? textEncoder = null)
    {
        var train = data.Train ?? throw new CliUsageException("The data has no training rows: train needs a split column with 'train' rows.");
        // Keys for every class of the data set (so valid/test labels missing from train stay known; the trainer gives
        // unseen classes weight 0), in its class order so that Score slots, tables and plots follow it.
        var keyData = ml.Data.LoadFromEnumerable(data.LabelNames.Select(l => new LabelRow { Label = l }));
        IEstimator<ITransformer> prefixEstimator = ml.Transforms.Conversion.MapValueToKey(ConversationColumns.Label, keyData: keyData);
        ITransformer prefix;
        EncoderTuningSummary? tuning = null;
        var tunedNow = false;
        if (data.TextFromUtterances && textEncoder is { IsTuned: true } tuned)
        {
            // The encoder tunes on keyed labels (every class known) and picks its epoch on the keyed valid split.
            var keys = prefixEstimator.Fit(train);
            var text = tuned.FitTuned(ml, keys.Transform(train), data.Valid is null ? null : keys.Transform(data.Valid), out tunedNow, out var summary);
            tuning = summary;
            prefix = new TransformerChain<ITransformer>([.. TransformerSteps.Flatten(keys), text]);
        }
        else
        {
            if (data.TextFromUtterances)
                prefixEstimator = prefixEstimator.Append(ml.Transforms.EmbedUtterances(ConversationColumns.Text, ConversationColumns.Utterance));
            prefix = prefixEstimator.Fit(train);
        }
        // The graph step and the trainer both read the rows: embed once.
        IDataView Pass(IDataView view) => data.TextFromUtterances ? ml.Data.Cache(prefix.Transform(view)) : prefix.Transform(view);
        return new PreparedData(prefix, Pass(train), data.Valid is null ? null : Pass(data.Valid), Pass(data.Test), tuning, tunedNow);
    }

    /// <summary>Fits graph step + trainer on prepared views; <paramref name="adjust"/> changes trainer options last
    /// (the bench's baselines and ablations).</summary>
    public static Result Fit(MLContext ml, PreparedData prepared, TrainSettings settings, IProgress<TrainingProgress>? progress,
        CancellationToken cancellation, Action<ElrGnnTrainer.Options>? adjust = null)
    {
        var graphOptions = DatasetPreset.GraphOptions(settings.Preset);
        double precomputeSeconds = PrecomputeTiming.Measure(prepared.Train, graphOptions);

        var options = TrainerOptions(settings);
        // Validation rows went through the same label and text steps; the trainer builds their graphs itself.
        options.ValidationSet = prepared.Valid;
        options.Progress = progress;
        options.CancellationToken = cancellation;
        adjust?.Invoke(options);

        var rest = ml.Transforms.PrecomputeConversationGraph(graphOptions)
            .Append(ml.MulticlassClassification.Trainers.ElrGnn(options))
            .Append(ml.Transforms.Conversion.MapKeyToValue(ElrGnnTransformer.PredictedLabelColumnName))
            .Fit(prepared.Train);

        var steps = TransformerSteps.Flatten(prepared.Prefix).Concat(TransformerSteps.Flatten(rest)).ToArray();
        var network = steps.OfType<ElrGnnTransformer>().Single();
        return new Result(new TransformerChain<ITransformer>(steps), network, rest, precomputeSeconds);
    }

    /// <summary>The preset's trainer options with the settings' modalities, epochs, patience, learning rate, seed and device.</summary>
    public static ElrGnnTrainer.Options TrainerOptions(TrainSettings settings)
    {
        var options = DatasetPreset.TrainerOptions(settings.Preset, settings.TextEmbeddings);
        options.FeatureColumnNames = [.. settings.Modalities.Select(ModalitySelection.ColumnOf)];
        options.MaxEpochs = settings.Epochs ?? options.MaxEpochs;
        options.EarlyStoppingPatience = settings.Patience ?? options.EarlyStoppingPatience;
        options.LearningRate = settings.LearningRate ?? options.LearningRate;
        options.Seed = settings.Seed;
        options.Device = settings.Device;
        options.CheckpointDirectory = settings.CheckpointDirectory; // resumes when it holds this run's checkpoint
        OptionOverrides.Apply(options, settings.TrainerOptions ?? [], "--trainer-option");
        return options;
    }

    private sealed class LabelRow
    {
        public string Label { get; set; } = "";
    }
}
