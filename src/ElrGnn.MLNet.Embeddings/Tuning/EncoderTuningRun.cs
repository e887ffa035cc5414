using ElrGnn.MLNet.Features.Modules;
using ElrGnn.MLNet.Internal;
using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Training;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace ElrGnn.MLNet.Features.Tuning;

/// <summary>
/// What <c>Fit</c> does when a label column is set: read the rows, pick the validation rows, tune the encoder on all
/// training rows, optionally cross-fit, and build the transformer.
/// </summary>
internal static class EncoderTuningRun
{
    public static (TunedUtteranceEmbeddingTransformer Transformer, EncoderTuningSummary Summary) Fit(
        IHostEnvironment env, UtteranceEmbeddingOptions options, IDataView input)
    {
        var seed = options.Seed ?? MlNetInternals.GetSeed(env) ?? 0;
        var device = TorchDevices.Resolve(options.Device);
        var reader = new UtteranceRowReader(options);
        var all = reader.Read(input, readLabels: true, labels: null);
        var given = options.ValidationSet is { } v ? reader.Read(v, readLabels: true, labels: all.LabelMap) : null;

        using var channel = env.Start("MiniLM fine-tuning");
        var tuner = new EncoderTuner(options, seed, device, channel);
        var (train, valid) = Split(all, given, options.ValidationFraction, seed);
        channel.Info(MessageSensitivity.None, $"MiniLM tuning: {train.Labels.Count(l => l >= 0)} training and " +
            $"{valid?.Labels.Count(l => l >= 0) ?? 0} validation rows, {all.LabelMap.Count} classes, seed {seed}, device {device}.");
        var result = tuner.Tune(train, valid, "full");

        Dictionary<string, float[]>? crossFitted = null;
        if (options.CrossFitFolds >= 2)
        {
            crossFitted = new Dictionary<string, float[]>(StringComparer.Ordinal);
            var folds = CrossFitFolds.Assign(all.Groups, options.CrossFitFolds, seed);
            for (var f = 0; f < options.CrossFitFolds; f++)
            {
                var (foldTrain, foldValid) = Split(all.Subset(CrossFitFolds.TrainingRows(folds, f)), given, options.ValidationFraction, seed);
                var heldOut = all.Subset(CrossFitFolds.HeldOutRows(folds, f));
                var fold = tuner.Tune(foldTrain, foldValid, $"fold {f + 1}/{options.CrossFitFolds}");
                fold.Head.Dispose();
                using var encoder = fold.Encoder;
                var vectors = TunedEncoding.Embed(encoder, heldOut.Inputs, options.BatchSize, device, options.CancellationToken);
                for (var i = 0; i < heldOut.Count; i++)
                    crossFitted[heldOut.Keys[i]] = vectors[i];
            }
        }

        var summary = new EncoderTuningSummary(seed, result.BestEpoch, result.EpochLosses, result.ValidationWeightedF1,
            train.Labels.Count(l => l >= 0), result.Tokens, result.TrainSeconds, options.CrossFitFolds);
        return (new TunedUtteranceEmbeddingTransformer(env, result.Encoder, result.Head, options, crossFitted), summary);
    }

    /// <summary>The given validation rows, else <paramref name="fraction"/> of the conversations held out (seeded).</summary>
    internal static (UtteranceRows Train, UtteranceRows? Valid) Split(UtteranceRows rows, UtteranceRows? given, double fraction, int seed)
    {
        if (given is not null || fraction <= 0)
            return (rows, given);
        var groups = rows.Groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var held = (int)Math.Round(groups.Length * fraction);
        if (held == 0 || held == groups.Length)
            return (rows, null);
        new Random(unchecked((int)Seeding.Derive(seed, 0, Seeding.Purpose.Shuffle))).Shuffle(groups);
        var valid = new HashSet<string>(groups.Take(held), StringComparer.Ordinal);
        var trainRows = Enumerable.Range(0, rows.Count).Where(i => !valid.Contains(rows.Groups[i])).ToArray();
        var validRows = Enumerable.Range(0, rows.Count).Where(i => valid.Contains(rows.Groups[i])).ToArray();
        return (rows.Subset(trainRows), rows.Subset(validRows));
    }
}
