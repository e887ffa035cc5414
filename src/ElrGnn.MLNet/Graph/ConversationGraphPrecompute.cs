namespace ElrGnn.MLNet.Graph;

/// <summary>
/// Data-preparation step of ELR-GNN (spec §2.3.2): builds each conversation's propagation graph
/// from its speakers and runs the dilated GFP with top-k, once, giving Π per conversation.
/// Conversations run in parallel with one <see cref="PushWorkspace"/> per thread; the output is
/// identical for any degree of parallelism.
/// </summary>
public static class ConversationGraphPrecompute
{
    /// <summary>Computes Π for every conversation, using all cores.</summary>
    /// <param name="speakerIndexPerConversation">Per conversation, the speaker id of each utterance in turn order.</param>
    /// <param name="options">Graph options (validated here).</param>
    /// <param name="progress">Receives the number of conversations finished so far (optional; called from worker threads, so counts may arrive out of order).</param>
    /// <param name="cancellationToken">Stops the run between conversations.</param>
    /// <returns>Π per conversation, in input order (an empty conversation gives a 0 × 0 matrix).</returns>
    public static SparseRows[] Run(IReadOnlyList<int[]> speakerIndexPerConversation, ConversationGraphOptions options,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Run(speakerIndexPerConversation, options, -1, progress, cancellationToken);

    /// <summary>Computes Π for every conversation with a bounded number of threads.</summary>
    /// <param name="speakerIndexPerConversation">Per conversation, the speaker id of each utterance in turn order.</param>
    /// <param name="options">Graph options (validated here).</param>
    /// <param name="maxDegreeOfParallelism">Threads: -1 = all cores, 1 = sequential on the calling thread, otherwise ≥ 1.</param>
    /// <param name="progress">Receives the number of conversations finished so far (optional; called from worker threads, so counts may arrive out of order).</param>
    /// <param name="cancellationToken">Stops the run between conversations.</param>
    /// <returns>Π per conversation, in input order.</returns>
    public static SparseRows[] Run(IReadOnlyList<int[]> speakerIndexPerConversation, ConversationGraphOptions options,
        int maxDegreeOfParallelism, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(speakerIndexPerConversation);
        ArgumentNullException.ThrowIfNull(options);
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 (all cores) or a value ≥ 1.");
        var coefficients = PropagationCoefficients.FromOptions(options);
        int count = speakerIndexPerConversation.Count;
        for (int c = 0; c < count; c++)
            ArgumentNullException.ThrowIfNull(speakerIndexPerConversation[c], $"{nameof(speakerIndexPerConversation)}[{c}]");

        var result = new SparseRows[count];
        int done = 0;
        if (maxDegreeOfParallelism == 1 || count <= 1)
        {
            var ws = new PushWorkspace();
            for (int c = 0; c < count; c++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                result[c] = One(speakerIndexPerConversation[c], options, coefficients, ws);
                progress?.Report(++done);
            }
            return result;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, count, parallel,
            () => new PushWorkspace(),
            (c, _, ws) =>
            {
                result[c] = One(speakerIndexPerConversation[c], options, coefficients, ws);
                progress?.Report(Interlocked.Increment(ref done));
                return ws;
            },
            _ => { });
        return result;
    }

    /// <summary>Computes Π for one conversation.</summary>
    /// <param name="speakerIndex">Speaker id of each utterance in turn order.</param>
    /// <param name="options">Graph options (validated here).</param>
    /// <param name="workspace">Scratch memory to reuse; null allocates one.</param>
    /// <returns>Π as N sparse rows.</returns>
    public static SparseRows RunOne(int[] speakerIndex, ConversationGraphOptions options, PushWorkspace? workspace = null)
    {
        ArgumentNullException.ThrowIfNull(speakerIndex);
        var coefficients = PropagationCoefficients.FromOptions(options);
        return One(speakerIndex, options, coefficients, workspace ?? new PushWorkspace(speakerIndex.Length));
    }

    private static SparseRows One(int[] speakerIndex, ConversationGraphOptions options, double[] coefficients, PushWorkspace ws)
    {
        var graph = DilatedGraph.ForValidOptions(speakerIndex, options);
        return GeneralizedForwardPush.Run(graph, coefficients, options.RMax, options.TopK, options.RenormalizeRows, ws);
    }
}
