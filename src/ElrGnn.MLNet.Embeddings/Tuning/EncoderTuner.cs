using System.Diagnostics;
using ElrGnn.MLNet.Evaluation;
using ElrGnn.MLNet.Features.Modules;
using ElrGnn.MLNet.Training;
using Microsoft.ML.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Features.Tuning;

/// <summary>
/// Fine-tunes MiniLM on labelled utterances: <see cref="ClassificationHead"/> on the mean-pooled vector,
/// class-weighted cross-entropy (w_c = N / (C · N_c)), AdamW, learning rate rising linearly over the warm-up steps then
/// falling linearly to 0, gradient norm clipped at 1; after each epoch the head is scored on the validation rows and
/// the encoder and head weights of the best weighted-F1 epoch are kept (the last epoch's without validation rows).
/// Batches group rows of similar length (see <see cref="Batches"/>), so little of each batch is padding.
/// </summary>
/// <remarks>Every random stream (head initialisation, dropout, order) is derived from the seed, so the same rows, options
/// and seed on the CPU give the same weights.</remarks>
internal sealed class EncoderTuner
{
    private const double MaxGradientNorm = 1.0;

    // Rows sorted by length within pools of this many batches: padding drops to a few per cent while batches stay random.
    private const int BatchesPerLengthPool = 50;

    private readonly UtteranceEmbeddingOptions _options;
    private readonly int _seed;
    private readonly Device _device;
    private readonly IChannel? _channel;

    public EncoderTuner(UtteranceEmbeddingOptions options, int seed, Device device, IChannel? channel)
    {
        _options = options;
        _seed = seed;
        _device = device;
        _channel = channel;
    }

    /// <summary>Tunes a fresh copy of the pretrained encoder on the labelled rows of <paramref name="train"/>.</summary>
    /// <param name="train">Training rows (unlabelled ones are skipped).</param>
    /// <param name="validation">Rows that pick the epoch; null or none labelled = keep the last epoch.</param>
    /// <param name="stage">Name of this tuning in progress reports ("full", "fold 1/5").</param>
    /// <exception cref="InvalidOperationException">Fewer than 2 classes or no labelled row.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public EncoderTuningResult Tune(UtteranceRows train, UtteranceRows? validation, string stage)
    {
        var labelled = Enumerable.Range(0, train.Count).Where(i => train.Labels[i] >= 0).ToArray();
        var classes = train.LabelMap.Count;
        if (classes < 2 || labelled.Length == 0)
            throw new InvalidOperationException(
                $"Fine-tuning needs labelled rows of at least 2 classes; column '{_options.LabelColumnName}' gave {labelled.Length} labelled rows of {classes} classes.");

        torch.random.manual_seed(Seeding.Derive(_seed, 0, Seeding.Purpose.Initialization));
        var encoder = MiniLmModel.Pretrained(EncoderTuningDefaults.Dropout);
        var head = new ClassificationHead(classes, EncoderTuningDefaults.Dropout);
        encoder.to(_device);
        head.to(_device);
        using var weights = tensor(ClassWeights(train, labelled, classes)).to(_device);

        var batch = _options.BatchSize;
        var steps = (labelled.Length + batch - 1) / batch;
        var total = steps * _options.Epochs;
        var warmup = (int)(_options.WarmupFraction * total);
        using var optimizer = optim.AdamW(encoder.parameters().Concat(head.parameters()), _options.LearningRate, weight_decay: _options.WeightDecay);
        var scheduler = optim.lr_scheduler.LambdaLR(optimizer, step => LearningRateFactor(step, warmup, total));

        var losses = new List<double>();
        var scores = new List<double?>();
        var bestEpoch = 0;
        double? bestScore = null;
        Dictionary<string, Tensor>? best = null, bestHead = null;
        long allTokens = 0;
        var trainWatch = new Stopwatch();
        try
        {
            for (var epoch = 0; epoch < _options.Epochs; epoch++)
            {
                torch.random.manual_seed(Seeding.Derive(_seed, epoch, Seeding.Purpose.Torch));
                var batches = Batches(labelled, train.Inputs, batch, Seeding.ShuffleRandom(_seed, epoch));
                encoder.train();
                head.train();
                double lossSum = 0;
                long epochTokens = 0;
                var epochWatch = Stopwatch.StartNew();
                trainWatch.Start();
                for (var s = 0; s < steps; s++)
                {
                    _options.CancellationToken.ThrowIfCancellationRequested();
                    lossSum += Step(encoder, head, optimizer, weights, train, batches[s], out var tokens);
                    scheduler.step();
                    epochTokens += tokens;
                    var seconds = epochWatch.Elapsed.TotalSeconds;
                    var perStep = seconds / (s + 1);
                    _options.Progress?.Report(new EncoderTuningProgress(stage, epoch + 1, _options.Epochs, s + 1, steps, lossSum / (s + 1),
                        epochTokens / Math.Max(seconds, 1e-9), TimeSpan.FromSeconds(perStep * (total - epoch * steps - s - 1)), null, false));
                }
                trainWatch.Stop();
                allTokens += epochTokens;
                losses.Add(lossSum / steps);

                double? score = validation is { } v && v.Labels.Any(l => l >= 0) ? Score(encoder, head, v, train.LabelMap.Names) : null;
                scores.Add(score);
                var isBest = score is null || bestScore is null || score > bestScore;
                if (isBest)
                {
                    bestScore = score;
                    bestEpoch = epoch + 1;
                    DisposeAll(best);
                    DisposeAll(bestHead);
                    best = Snapshot(encoder);
                    bestHead = Snapshot(head);
                }
                var rate = epochTokens / Math.Max(epochWatch.Elapsed.TotalSeconds, 1e-9);
                _channel?.Info(MessageSensitivity.None, $"MiniLM tuning ({stage}) epoch {epoch + 1}/{_options.Epochs}: loss {losses[^1]:F4}, " +
                    $"validation W-F1 {(score is { } f ? f.ToString("P2") : "n/a")}{(isBest ? " (best)" : "")}, {rate:F0} tokens/s");
                _options.Progress?.Report(new EncoderTuningProgress(stage, epoch + 1, _options.Epochs, steps, steps, losses[^1], rate,
                    TimeSpan.FromSeconds(epochWatch.Elapsed.TotalSeconds * (_options.Epochs - epoch - 1)), score, true));
            }
            Restore(encoder, best!);
            Restore(head, bestHead!);
            encoder.eval();
            head.eval();
            return new EncoderTuningResult(encoder, new TunedHead(head, [.. train.LabelMap.Names]), losses, scores, bestEpoch, allTokens,
                trainWatch.Elapsed.TotalSeconds);
        }
        catch
        {
            encoder.Dispose();
            head.Dispose();
            throw;
        }
        finally
        {
            DisposeAll(best);
            DisposeAll(bestHead);
        }
    }

    /// <summary>
    /// One epoch's batches: the rows shuffled, cut into pools of <see cref="BatchesPerLengthPool"/> batches, each pool
    /// sorted by input length and cut into batches, and the batch order shuffled again. Every row is in exactly one
    /// batch; only the last batch can be short.
    /// </summary>
    internal static int[][] Batches(int[] rows, IReadOnlyList<string> inputs, int batchSize, Random random)
    {
        var order = (int[])rows.Clone();
        random.Shuffle(order);
        var pool = batchSize * BatchesPerLengthPool;
        var batches = order.Chunk(pool)
            .SelectMany(p => p.OrderBy(i => inputs[i].Length).Chunk(batchSize))
            .ToArray();
        // The last batch may be short; keep it last so every other batch has the full size.
        random.Shuffle(batches.AsSpan(0, Math.Max(0, batches.Length - 1)));
        return batches;
    }

    /// <summary>Linear warm-up to 1 over <paramref name="warmup"/> steps, then linear decay to 0 at <paramref name="total"/>.</summary>
    internal static double LearningRateFactor(int step, int warmup, int total)
        => step < warmup ? (step + 1.0) / warmup : Math.Max(0.0, (double)(total - step) / Math.Max(1, total - warmup));

    private double Step(MiniLmModel encoder, ClassificationHead head, optim.Optimizer optimizer, Tensor weights,
        UtteranceRows train, int[] rows, out long tokens)
    {
        using var scope = NewDisposeScope();
        var (ids, mask) = MiniLmTokenizer.Encode([.. rows.Select(i => train.Inputs[i])], _device, out tokens);
        var target = tensor(rows.Select(i => (long)train.Labels[i]).ToArray()).to(_device);
        var loss = nn.functional.cross_entropy(head.call(encoder.call(ids, mask)), target, weight: weights);
        optimizer.zero_grad();
        loss.backward();
        nn.utils.clip_grad_norm_(encoder.parameters().Concat(head.parameters()), MaxGradientNorm);
        optimizer.step();
        return loss.item<float>();
    }

    private double Score(MiniLmModel encoder, ClassificationHead head, UtteranceRows validation, IReadOnlyList<string> labels)
    {
        var predicted = new int[validation.Count];
        head.eval();
        TunedEncoding.ForEachBatch(encoder, validation.Inputs, _options.BatchSize, _device, _options.CancellationToken, (rows, pooled) =>
        {
            using var argmax = head.call(pooled).argmax(1).cpu();
            var values = argmax.data<long>().ToArray();
            for (var b = 0; b < rows.Length; b++)
                predicted[rows[b]] = (int)values[b];
        });
        return ClassificationReport.FromPredictions(labels, validation.Labels, predicted).WeightedF1;
    }

    private static float[] ClassWeights(UtteranceRows train, int[] labelled, int classes)
    {
        var counts = new int[classes];
        foreach (var i in labelled)
            counts[train.Labels[i]]++;
        return [.. counts.Select(c => c == 0 ? 0f : (float)labelled.Length / (classes * c))];
    }

    private static Dictionary<string, Tensor> Snapshot(nn.Module module)
    {
        using var noGrad = no_grad();
        return module.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
    }

    private static void Restore(nn.Module module, Dictionary<string, Tensor> snapshot)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
            parameter.copy_(snapshot[name]);
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null)
            return;
        foreach (var t in tensors.Values)
            t.Dispose();
        tensors.Clear();
    }
}
