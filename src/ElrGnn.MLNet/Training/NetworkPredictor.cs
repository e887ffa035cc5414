using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Training;

/// <summary>Batched inference: class probabilities for every utterance of every conversation, in evaluation mode.</summary>
/// <remarks>
/// Conversations are sorted by length (stable) and cut into batches of a fixed size, so a batch holds conversations
/// of similar length and the batches do not depend on how many threads run them. Each batch runs on one .NET thread
/// with one libtorch intra-op thread (<see cref="IntraOpThreads"/>); parallelism comes from running several batches
/// at once. So the probabilities are bit-identical for any <c>threads</c> and for concurrent callers.
/// </remarks>
public static class NetworkPredictor
{
    /// <summary>Default conversations per inference batch: large enough to amortise the per-batch overhead, small enough
    /// that a test split (e.g. MELD's 280 conversations) makes several batches to run in parallel.</summary>
    public const int DefaultBatchSize = 32;

    /// <summary>Scores conversations in batches on up to <see cref="Environment.ProcessorCount"/> threads.</summary>
    /// <inheritdoc cref="PredictProbabilities(ElrGnnNetwork, IReadOnlyList{BatchItem}, int, int, CancellationToken)"/>
    public static float[][] PredictProbabilities(ElrGnnNetwork network, IReadOnlyList<BatchItem> items, int batchSize,
        CancellationToken cancellationToken = default)
        => PredictProbabilities(network, items, batchSize, Environment.ProcessorCount, cancellationToken);

    /// <summary>Scores conversations in batches (similar lengths together) under <c>eval()</c> and <c>no_grad()</c>.</summary>
    /// <param name="network">The network (its device is used for the batches). A network in training mode is switched to
    /// evaluation mode for the call and back afterwards, which is not safe while another thread uses it; one in
    /// evaluation mode (as every loaded or trained transformer's) is only read, so concurrent calls are safe.</param>
    /// <param name="items">Conversations with the graphs the network needs.</param>
    /// <param name="batchSize">Conversations per batch (≥ 1).</param>
    /// <param name="threads">.NET threads running batches at once (≥ 1; the caller's thread is one of them). Results do not
    /// depend on it.</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <returns>Per conversation (input order), an N × C row-major matrix of probabilities.</returns>
    public static float[][] PredictProbabilities(ElrGnnNetwork network, IReadOnlyList<BatchItem> items, int batchSize, int threads,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var result = new float[items.Count][];
        if (items.Count == 0)
            return result;
        var device = network.parameters().First().device;
        var batches = Batches(items, batchSize);
        bool wasTraining = network.training;
        if (wasTraining)
            network.eval();
        try
        {
            if (threads == 1 || batches.Length == 1)
            {
                foreach (var batch in batches)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    RunBatch(network, items, batch, device, result);
                }
            }
            else
            {
                RunParallel(network, items, batches, device, result, threads, cancellationToken);
            }
        }
        finally
        {
            if (wasTraining)
                network.train();
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

    /// <summary>Item indices per batch: sorted by length, then by conversation id (ordinal), then by position, and cut
    /// every <paramref name="batchSize"/>. Ordering ties by id rather than by position means the order in which the
    /// rows (and so the conversations) arrive never changes which conversations share a batch.</summary>
    internal static int[][] Batches(IReadOnlyList<BatchItem> items, int batchSize)
    {
        var order = new int[items.Count];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            int byLength = items[a].Length.CompareTo(items[b].Length);
            if (byLength != 0)
                return byLength;
            int byId = string.CompareOrdinal(items[a].Conversation.Id, items[b].Conversation.Id);
            return byId != 0 ? byId : a.CompareTo(b);
        });
        var batches = new int[(order.Length + batchSize - 1) / batchSize][];
        for (int b = 0; b < batches.Length; b++)
            batches[b] = order.AsSpan(b * batchSize, Math.Min(batchSize, order.Length - b * batchSize)).ToArray();
        return batches;
    }

    private static void RunParallel(ElrGnnNetwork network, IReadOnlyList<BatchItem> items, int[][] batches, Device device,
        float[][] result, int threads, CancellationToken cancellationToken)
    {
        // Longest batches first, handed out one at a time, so the last batch to finish is a short one.
        var queue = Partitioner.Create(batches.Reverse(), EnumerablePartitionerOptions.NoBuffering);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        try
        {
            Parallel.ForEach(queue, options, batch => RunBatch(network, items, batch, device, result));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    private static void RunBatch(ElrGnnNetwork network, IReadOnlyList<BatchItem> items, int[] members, Device device, float[][] result)
    {
        // Grad mode, dispose scopes and the intra-op override are all per thread: set them on the thread that runs.
        using var threads = IntraOpThreads.Use(1);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var batchItems = new BatchItem[members.Length];
        for (int g = 0; g < members.Length; g++)
            batchItems[g] = items[members[g]];
        using var batch = BatchBuilder.Build(batchItems, network.Config, device);
        using var probabilities = torch.softmax(network.call(batch), -1).cpu();
        int classes = network.Config.ClassCount;
        var flat = probabilities.data<float>().ToArray();
        for (int g = 0; g < members.Length; g++)
            result[members[g]] = flat.AsSpan(batch.NodeOffsets[g] * classes, batch.Lengths[g] * classes).ToArray();
    }
}
