using System.Diagnostics;
using ElrGnn.Cli.Data;
using ElrGnn.Cli.Running;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Evaluation;
using ElrGnn.MLNet.Features;
using ElrGnn.MLNet.Training;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace ElrGnn.Cli.Bench;

/// <summary>Trains and scores one bench run for one seed on data prepared once (label keys, MiniLM text, cached).</summary>
internal sealed class BenchRunner(MLContext ml, TrainingSession.PreparedData prepared, TrainSettings settings, IReadOnlyList<string> labels,
    IReadOnlyList<int> trainLengths)
{
    private const string FeaturesColumn = "Features";

    /// <summary>Timed passes over the test split behind the inference throughput (after one untimed warm-up pass).</summary>
    public const int InferencePasses = 5;

    /// <summary>Share of rows and of features each LightGBM tree sees: the randomness that makes its seed matter.</summary>
    public const double LightGbmSubsample = 0.8;

    /// <summary>Utterances per second of the first ELR-GNN model on the test split (graph step included): the median of
    /// <see cref="InferencePasses"/> timed passes; null until measured.</summary>
    public double? InferenceUtterancesPerSecond { get; private set; }

    /// <summary>Runs <paramref name="run"/> with <paramref name="seed"/>.</summary>
    public SeedResult Measure(BenchRun run, int seed, IProgress<TrainingProgress>? progress, CancellationToken cancellation) => run.Kind switch
    {
        BenchRunKind.Network => MeasureNetwork(run, seed, progress, cancellation),
        BenchRunKind.EncoderOnly => MeasureEncoderOnly(seed),
        _ => MeasureContextFree(run, seed),
    };

    private SeedResult MeasureNetwork(BenchRun run, int seed, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var fit = TrainingSession.Fit(ml, prepared, settings with { Seed = seed }, progress, cancellation, run.Adjust);
        double seconds = clock.Elapsed.TotalSeconds;
        var summary = fit.Network.Training!;
        var (report, predicted) = Report(fit.AfterPrefix.Transform(prepared.Test));
        if (run.Name == "elrgnn" && InferenceUtterancesPerSecond is null)
            InferenceUtterancesPerSecond = TimeInference(fit.AfterPrefix);
        var (past, future) = fit.Network.SpeakerWindow;
        var config = fit.Network.NetworkConfig;
        double gflop = FlopModel.TrainingEpoch(config, trainLengths, past, future, fit.Network.GraphOptions.TopK) / 1e9;
        fit.Network.Dispose();
        return new SeedResult(seed, report.WeightedF1, report.Accuracy, report.MacroF1, seconds,
            [.. summary.History.Select(h => h.TrainSeconds)], summary.EpochsRun, summary.BestEpoch, gflop,
            summary.History.FirstOrDefault(h => h.Epoch == summary.BestEpoch)?.ValidationWeightedF1, FlopModel.SpeakerGraphConvolutions(config), predicted);
    }

    private SeedResult MeasureContextFree(BenchRun run, int seed)
    {
        var columns = settings.Modalities.Select(ModalitySelection.ColumnOf).ToArray();
        var pipeline = ContextFreePipeline(ml, run.Kind, columns, seed);
        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(prepared.Train);
        double seconds = clock.Elapsed.TotalSeconds;
        var (report, predicted) = Report(model.Transform(prepared.Test));
        return new SeedResult(seed, report.WeightedF1, report.Accuracy, report.MacroF1, seconds, [], Predicted: predicted);
    }

    // The tuned encoder's head on the test utterances; its training time is the tuning's (reported in encoder_tuning).
    private SeedResult MeasureEncoderOnly(int seed)
    {
        var encoder = TunedEncoderCache.Tuned(prepared.Prefix)
            ?? throw new CliUsageException("encoder_only needs a fine-tuned text encoder (--text-encoder tuned on utterances.csv data).");
        var predicted = encoder.PredictLabels(prepared.Test)
            ?? throw new CliUsageException("The cached tuned encoder has no classification head (tuned by an older version); clear the tuned cache.");
        var truth = new List<int>();
        var guesses = new List<int>();
        var index = labels.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var keys = ReadLabelKeys(prepared.Test);
        for (int row = 0; row < keys.Length; row++)
        {
            if (keys[row] == 0)
                continue;
            truth.Add((int)keys[row] - 1);
            guesses.Add(index.TryGetValue(predicted[row], out int k) ? k
                : throw new InvalidOperationException($"The tuned encoder's head predicts '{predicted[row]}', which is not a class of the data."));
        }
        var report = ClassificationReport.FromPredictions([.. labels], truth, guesses);
        return new SeedResult(seed, report.WeightedF1, report.Accuracy, report.MacroF1, prepared.Tuning?.TrainSeconds ?? 0, [], Predicted: guesses);
    }

    private static uint[] ReadLabelKeys(IDataView view)
    {
        var label = view.Schema[ConversationColumns.Label];
        var keys = new List<uint>();
        using var cursor = view.GetRowCursor([label]);
        var getter = cursor.GetGetter<uint>(label);
        uint key = 0;
        while (cursor.MoveNext())
        {
            getter(ref key);
            keys.Add(key);
        }
        return [.. keys];
    }

    /// <summary>A context-free model on the concatenated <paramref name="columns"/> of one utterance, predicting the Label key.
    /// LightGBM subsamples rows and features per tree with <paramref name="seed"/> (without subsampling LightGBM uses no
    /// randomness and every seed would give the same model); maximum entropy (L-BFGS) is deterministic and ignores it.
    /// <paramref name="threads"/>: LightGBM threads (null: one per core).</summary>
    internal static IEstimator<ITransformer> ContextFreePipeline(MLContext ml, BenchRunKind kind, IReadOnlyList<string> columns, int seed,
        int? threads = null)
    {
        var features = ml.Transforms.Concatenate(FeaturesColumn, [.. columns]);
        return kind switch
        {
            BenchRunKind.ContextFreeLightGbm => features.Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = ConversationColumns.Label,
                FeatureColumnName = FeaturesColumn,
                Seed = seed,
                NumberOfThreads = threads ?? Environment.ProcessorCount,
                Booster = new GradientBooster.Options
                {
                    SubsampleFraction = LightGbmSubsample, SubsampleFrequency = 1, FeatureFraction = LightGbmSubsample,
                },
            })),
            // Maximum entropy wants standardised inputs (openSMILE or 3D-CNN features are far from unit scale).
            BenchRunKind.ContextFreeMaxEnt => features.Append(ml.Transforms.NormalizeMeanVariance(FeaturesColumn))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(ConversationColumns.Label, FeaturesColumn)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a context-free run"),
        };
    }

    /// <summary>Median throughput of <see cref="InferencePasses"/> timed passes over the test split, after one untimed
    /// warm-up pass (libtorch's thread pool, the caches).</summary>
    private double TimeInference(ITransformer model)
    {
        CountScoredRows(model);
        var rates = new List<double>(InferencePasses);
        for (int pass = 0; pass < InferencePasses; pass++)
        {
            var clock = Stopwatch.StartNew();
            long rows = CountScoredRows(model);
            double seconds = clock.Elapsed.TotalSeconds;
            rates.Add(seconds > 0 ? rows / seconds : 0);
        }
        return Output.MetricsJson.Median(rates) ?? 0;
    }

    private long CountScoredRows(ITransformer model)
    {
        var scored = model.Transform(prepared.Test);
        var score = scored.Schema[ElrGnnTransformer.ScoreColumnName];
        using var cursor = scored.GetRowCursor([score]);
        var getter = cursor.GetGetter<VBuffer<float>>(score);
        var buffer = default(VBuffer<float>);
        long rows = 0;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            rows++;
        }
        return rows;
    }

    /// <summary>Test metrics from the Label key and the Score vector (slots in key order); rows without a known label are skipped.</summary>
    private (ClassificationReport Report, int[] Predicted) Report(IDataView scored)
    {
        var label = scored.Schema[ConversationColumns.Label];
        var score = scored.Schema[ElrGnnTransformer.ScoreColumnName];
        var truth = new List<int>();
        var predicted = new List<int>();
        using var cursor = scored.GetRowCursor([label, score]);
        var labelGetter = cursor.GetGetter<uint>(label);
        var scoreGetter = cursor.GetGetter<VBuffer<float>>(score);
        uint key = 0;
        var buffer = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            labelGetter(ref key);
            if (key == 0)
                continue;
            scoreGetter(ref buffer);
            var values = buffer.DenseValues().ToArray();
            truth.Add((int)key - 1);
            predicted.Add(NetworkPredictor.ArgMax(values, values.Length)[0]);
        }
        return (ClassificationReport.FromPredictions([.. labels], truth, predicted), [.. predicted]);
    }
}
