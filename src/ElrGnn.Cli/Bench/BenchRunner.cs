using System.Diagnostics;
using ElrGnn.Cli.Data;
using ElrGnn.Cli.Running;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Evaluation;
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

    /// <summary>Utterances per second of the first ELR-GNN model on the test split (graph step included), once measured.</summary>
    public double? InferenceUtterancesPerSecond { get; private set; }

    /// <summary>Runs <paramref name="run"/> with <paramref name="seed"/>.</summary>
    public SeedResult Measure(BenchRun run, int seed, IProgress<TrainingProgress>? progress, CancellationToken cancellation) =>
        run.Kind == BenchRunKind.Network ? MeasureNetwork(run, seed, progress, cancellation) : MeasureContextFree(run, seed);

    private SeedResult MeasureNetwork(BenchRun run, int seed, IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var fit = TrainingSession.Fit(ml, prepared, settings with { Seed = seed }, progress, cancellation, run.Adjust);
        double seconds = clock.Elapsed.TotalSeconds;
        var summary = fit.Network.Training!;
        var report = Report(fit.AfterPrefix.Transform(prepared.Test));
        if (run.Name == "elrgnn" && InferenceUtterancesPerSecond is null)
            InferenceUtterancesPerSecond = TimeInference(fit.AfterPrefix);
        var (past, future) = fit.Network.SpeakerWindow;
        double gflop = FlopModel.TrainingEpoch(fit.Network.NetworkConfig, trainLengths, past, future, fit.Network.GraphOptions.TopK) / 1e9;
        fit.Network.Dispose();
        return new SeedResult(seed, report.WeightedF1, report.Accuracy, report.MacroF1, seconds,
            [.. summary.History.Select(h => h.TrainSeconds)], summary.EpochsRun, summary.BestEpoch, gflop,
            summary.History.FirstOrDefault(h => h.Epoch == summary.BestEpoch)?.ValidationWeightedF1);
    }

    private SeedResult MeasureContextFree(BenchRun run, int seed)
    {
        var columns = settings.Modalities.Select(ModalitySelection.ColumnOf).ToArray();
        var features = ml.Transforms.Concatenate(FeaturesColumn, columns);
        IEstimator<ITransformer> pipeline = run.Kind == BenchRunKind.ContextFreeLightGbm
            ? features.Append(ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = ConversationColumns.Label, FeatureColumnName = FeaturesColumn, Seed = seed, NumberOfThreads = Environment.ProcessorCount,
            }))
            // Maximum entropy wants standardised inputs (openSMILE or 3D-CNN features are far from unit scale).
            : features.Append(ml.Transforms.NormalizeMeanVariance(FeaturesColumn))
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(ConversationColumns.Label, FeaturesColumn));
        var clock = Stopwatch.StartNew();
        var model = pipeline.Fit(prepared.Train);
        double seconds = clock.Elapsed.TotalSeconds;
        var report = Report(model.Transform(prepared.Test));
        return new SeedResult(seed, report.WeightedF1, report.Accuracy, report.MacroF1, seconds, []);
    }

    /// <summary>Second of two passes over the test split: the first warms up libtorch and the caches.</summary>
    private double TimeInference(ITransformer model)
    {
        long rows = 0;
        double seconds = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            var clock = Stopwatch.StartNew();
            var scored = model.Transform(prepared.Test);
            var score = scored.Schema[ElrGnnTransformer.ScoreColumnName];
            using var cursor = scored.GetRowCursor([score]);
            var getter = cursor.GetGetter<VBuffer<float>>(score);
            var buffer = default(VBuffer<float>);
            rows = 0;
            while (cursor.MoveNext())
            {
                getter(ref buffer);
                rows++;
            }
            seconds = clock.Elapsed.TotalSeconds;
        }
        return seconds > 0 ? rows / seconds : 0;
    }

    /// <summary>Test metrics from the Label key and the Score vector (slots in key order); rows without a known label are skipped.</summary>
    private ClassificationReport Report(IDataView scored)
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
        return ClassificationReport.FromPredictions([.. labels], truth, predicted);
    }
}
