using ElrGnn.MLNet.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Training;

/// <summary>Batched inference: class probabilities for every utterance of every conversation, in evaluation mode.</summary>
public static class NetworkPredictor
{
    /// <summary>Scores conversations in batches (shortest first, to limit padding) under <c>eval()</c> and <c>no_grad()</c>.</summary>
    /// <param name="network">The network (its device is used for the batches; its training mode is restored afterwards).</param>
    /// <param name="items">Conversations with the graphs the network needs.</param>
    /// <param name="batchSize">Conversations per batch (≥ 1).</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <returns>Per conversation (input order), an N × C row-major matrix of probabilities.</returns>
    public static float[][] PredictProbabilities(ElrGnnNetwork network, IReadOnlyList<BatchItem> items, int batchSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var result = new float[items.Count][];
        if (items.Count == 0)
            return result;
        var device = network.parameters().First().device;
        int classes = network.Config.ClassCount;
        var order = Enumerable.Range(0, items.Count).OrderBy(i => items[i].Length).ToArray();
        bool wasTraining = network.training;
        network.eval();
        try
        {
            using var noGrad = torch.no_grad();
            for (int start = 0; start < order.Length; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
                using var scope = torch.NewDisposeScope();
                using var batch = BatchBuilder.Build(chunk.Select(i => items[i]).ToArray(), network.Config, device);
                var probabilities = torch.softmax(network.call(batch), -1).cpu();
                var flat = probabilities.data<float>().ToArray();
                for (int g = 0; g < chunk.Length; g++)
                    result[chunk[g]] = flat.AsSpan(batch.NodeOffsets[g] * classes, batch.Lengths[g] * classes).ToArray();
            }
        }
        finally
        {
            network.train(wasTraining);
        }
        return result;
    }

    /// <summary>Arg-max class of each row of a row-major N × C probability matrix.</summary>
    /// <param name="probabilities">N × C values.</param>
    /// <param name="classCount">C.</param>
    /// <returns>N class indices (ties: lowest index).</returns>
    public static int[] ArgMax(float[] probabilities, int classCount)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var labels = new int[probabilities.Length / classCount];
        for (int i = 0; i < labels.Length; i++)
        {
            var row = probabilities.AsSpan(i * classCount, classCount);
            int best = 0;
            for (int c = 1; c < classCount; c++)
                if (row[c] > row[best])
                    best = c;
            labels[i] = best;
        }
        return labels;
    }
}
