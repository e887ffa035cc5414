using System.Diagnostics;
using System.Globalization;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Evaluation;
using ElrGnn.MLNet.Internal;
using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Training;

/// <summary>
/// The ELR-GNN training loop: Adam with weight decay on the weighted cross-entropy of spec §2.7, epochs of shuffled
/// batches, validation weighted F1 each epoch under <c>eval()</c> + <c>no_grad()</c>, early stopping that keeps the best
/// epoch's weights, per-epoch checkpoints, and cancellation between batches.
/// </summary>
/// <remarks>
/// Reproducibility: with one seed the CPU run is bit-identical. Weights are initialised from (seed, Initialization);
/// at the start of each epoch torch's generator (dropout, DropNode) and the shuffle are re-seeded from (seed, epoch), so
/// a run resumed from its epoch-e checkpoint continues exactly like an uninterrupted one.
/// </remarks>
public static class TrainingLoop
{
    /// <summary>Trains a network.</summary>
    /// <param name="config">Network shapes, kinds and switches.</param>
    /// <param name="options">Trainer options (learning rate, epochs, device, checkpoints, …); validated here.</param>
    /// <param name="train">Training conversations with their graphs (at least one).</param>
    /// <param name="validation">Validation conversations, or null/empty for none (no early stopping; the last epoch is kept).</param>
    /// <param name="seed">Run seed (see <c>Options.Seed</c>).</param>
    /// <param name="progress">Receives one report per completed epoch, after its checkpoint is written.</param>
    /// <param name="cancellationToken">Checked between batches; on cancellation the best model so far is returned, flagged <see cref="TrainingResult.Cancelled"/>.</param>
    /// <returns>The result; the caller disposes it.</returns>
    public static TrainingResult Run(NetworkConfig config, ElrGnnTrainer.Options options, IReadOnlyList<BatchItem> train,
        IReadOnlyList<BatchItem>? validation, int seed, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        TorchNative.EnsureLoaded();
        options.Validate();
        config.Validate();
        if (train.Count == 0)
            throw new ArgumentException("Training needs at least one conversation.", nameof(train));
        validation ??= [];
        var device = TorchDevices.Resolve(options.Device);
        var classWeights = options.UseClassWeights
            ? LossFunctions.InverseFrequencyWeights(train.Select(i => i.Conversation.Labels), config.ClassCount)
            : null;

        torch.manual_seed(Seeding.Derive(seed, 0, Seeding.Purpose.Initialization));
        var network = new ElrGnnNetwork(config);
        try
        {
            if (device.type != DeviceType.CPU)
                network.to(device);
            using var optimizer = torch.optim.Adam(network.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
            using var state = StartOrResume(config, options, train, validation, seed, network, optimizer);
            using var weightTensor = classWeights is null ? null : torch.tensor(classWeights, device: device).DetachFromDisposeScope();

            bool cancelled = false;
            for (int epoch = state.EpochsCompleted; epoch < options.MaxEpochs && !state.StoppedEarly; epoch++)
            {
                var clock = Stopwatch.StartNew();
                double? loss = TrainEpoch(network, optimizer, config, options, train, weightTensor, seed, epoch, device, cancellationToken);
                if (loss is null)
                {
                    cancelled = true;
                    break;
                }
                double trainSeconds = clock.Elapsed.TotalSeconds;
                var report = EndEpoch(state, network, config, options, validation, epoch, loss.Value, clock, trainSeconds);
                if (options.CheckpointDirectory is not null)
                    CheckpointStore.Save(options.CheckpointDirectory, state, network, optimizer);
                progress?.Report(report);
            }

            if (state.BestWeights is not null)
                NetworkState.Restore(network, state.BestWeights);
            network.eval();
            return new TrainingResult(network, seed, state.BestEpoch, state.EpochsCompleted, state.History.ToArray(), cancelled,
                state.StoppedEarly, classWeights);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static CheckpointState StartOrResume(NetworkConfig config, ElrGnnTrainer.Options options, IReadOnlyList<BatchItem> train,
        IReadOnlyList<BatchItem> validation, int seed, ElrGnnNetwork network, OptimizerHelper optimizer)
    {
        string fingerprint = Fingerprint(config, options, train, validation, seed);
        var directory = options.CheckpointDirectory;
        if (directory is not null && options.ResumeFromCheckpoint && CheckpointStore.Exists(directory))
            return CheckpointStore.Load(directory, fingerprint, network, optimizer);
        return new CheckpointState(fingerprint);
    }

    /// <summary>One epoch of optimisation; null when cancelled before it finished.</summary>
    private static double? TrainEpoch(ElrGnnNetwork network, OptimizerHelper optimizer, NetworkConfig config, ElrGnnTrainer.Options options,
        IReadOnlyList<BatchItem> train, Tensor? classWeights, int seed, int epoch, Device device, CancellationToken cancellationToken)
    {
        network.train();
        torch.manual_seed(Seeding.Derive(seed, epoch, Seeding.Purpose.Torch));
        var lengths = train.Select(i => i.Length).ToArray();
        var plan = ConversationBatchPlan.FromLengths(lengths, options.BatchSize, Seeding.ShuffleRandom(seed, epoch));
        double lossSum = 0;
        long labelled = 0;
        foreach (var planned in plan.Batches)
        {
            if (cancellationToken.IsCancellationRequested)
                return null;
            var items = planned.ConversationIndices.Select(c => train[c]).ToArray();
            int known = items.Sum(i => i.Conversation.Labels.Count(y => y >= 0));
            if (known == 0)
                continue;   // nothing to learn from; the loss would be 0/0

            using var scope = torch.NewDisposeScope();
            using var batch = BatchBuilder.Build(items, config, device);
            optimizer.zero_grad();
            var loss = BatchLoss(network, batch, classWeights, options, epoch);
            loss.backward();
            if (options.GradientClip > 0)
                nn.utils.clip_grad_norm_(network.parameters(), options.GradientClip);
            optimizer.step();
            lossSum += loss.item<float>() * known;
            labelled += known;
        }
        return labelled == 0 ? 0 : lossSum / labelled;
    }

    /// <summary>Weighted CE; with consistency samples, the mean CE of S passes plus the ramped consistency term.</summary>
    private static Tensor BatchLoss(ElrGnnNetwork network, ConversationBatch batch, Tensor? classWeights, ElrGnnTrainer.Options options, int epoch)
    {
        if (options.ConsistencySamples < 2)
            return LossFunctions.WeightedCrossEntropy(network.call(batch), batch.Labels, classWeights);
        var logits = Enumerable.Range(0, options.ConsistencySamples).Select(_ => network.call(batch)).ToArray();
        var summed = logits.Select(l => LossFunctions.WeightedCrossEntropy(l, batch.Labels, classWeights)).Aggregate((a, b) => a + b);
        var supervised = HeldScalar.With((long)logits.Length, n => summed.div(n));
        double lambda = options.ConsistencyWeight * Math.Min(1.0, (epoch + 1.0) / options.ConsistencyRampEpochs);
        var consistency = LossFunctions.Consistency(logits, options.ConsistencyTemperature);
        return supervised + HeldScalar.With(lambda, weight => consistency.mul(weight));
    }

    private static TrainingProgress EndEpoch(CheckpointState state, ElrGnnNetwork network, NetworkConfig config, ElrGnnTrainer.Options options,
        IReadOnlyList<BatchItem> validation, int epoch, double loss, Stopwatch clock, double trainSeconds)
    {
        double? f1 = null, accuracy = null;
        if (validation.Count > 0)
            (accuracy, f1) = Validate(network, config, validation, options.BatchSize);

        // Without validation the latest epoch is the result; with it, only a strict gain counts.
        bool isBest = f1 is null || f1.Value > state.BestScore;
        if (isBest)
        {
            state.ReplaceBest(NetworkState.CopyToCpu(network));
            state.BestEpoch = epoch + 1;
            state.BestScore = f1 ?? -1;
            state.EpochsWithoutImprovement = 0;
        }
        else
        {
            state.EpochsWithoutImprovement++;
        }
        state.EpochsCompleted = epoch + 1;
        if (f1 is not null && options.EarlyStoppingPatience > 0 && state.EpochsWithoutImprovement >= options.EarlyStoppingPatience)
            state.StoppedEarly = true;

        var report = new TrainingProgress(epoch + 1, options.MaxEpochs, loss, f1, accuracy, clock.Elapsed.TotalSeconds, isBest, trainSeconds);
        state.History.Add(report);
        return report;
    }

    /// <summary>Accuracy and weighted F1 of the network on labelled conversations.</summary>
    internal static (double Accuracy, double WeightedF1) Validate(ElrGnnNetwork network, NetworkConfig config, IReadOnlyList<BatchItem> items, int batchSize)
    {
        var probabilities = NetworkPredictor.PredictProbabilities(network, items, batchSize);
        var truth = new List<int>();
        var predicted = new List<int>();
        for (int c = 0; c < items.Count; c++)
        {
            truth.AddRange(items[c].Conversation.Labels);
            predicted.AddRange(NetworkPredictor.ArgMax(probabilities[c], config.ClassCount));
        }
        var classes = Enumerable.Range(0, config.ClassCount).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        var report = ClassificationReport.FromPredictions(classes, truth, predicted);
        return (report.Accuracy, report.WeightedF1);
    }

    /// <summary>Everything that shapes the trajectory except MaxEpochs (so a finished run can be extended).</summary>
    private static string Fingerprint(NetworkConfig config, ElrGnnTrainer.Options o, IReadOnlyList<BatchItem> train,
        IReadOnlyList<BatchItem> validation, int seed) =>
        string.Create(CultureInfo.InvariantCulture,
            $"net[{config}, dropout={config.Dropout:R}, dropNode={config.DropNode:R}, theads={config.TransformerHeads}]; seed={seed}; " +
            $"lr={o.LearningRate:R}; wd={o.WeightDecay:R}; batch={o.BatchSize}; classWeights={o.UseClassWeights}; clip={o.GradientClip:R}; " +
            $"patience={o.EarlyStoppingPatience}; consistency={o.ConsistencySamples}/{o.ConsistencyWeight:R}/{o.ConsistencyTemperature:R}/{o.ConsistencyRampEpochs}; device={o.Device}; train={DataSummary(train)}; valid={DataSummary(validation)}");

    private static string DataSummary(IReadOnlyList<BatchItem> items)
    {
        // FNV-1a over ids, lengths and labels: cheap, and catches a different or reordered data set.
        ulong hash = 14695981039346656037UL;
        void Mix(int v)
        {
            hash = (hash ^ (uint)v) * 1099511628211UL;
        }
        foreach (var item in items)
        {
            foreach (char ch in item.Conversation.Id)
                Mix(ch);
            Mix(item.Length);
            foreach (int y in item.Conversation.Labels)
                Mix(y);
        }
        return $"{items.Count}:{hash:x16}";
    }
}
