namespace ElrGnn.MLNet.Data;

/// <summary>
/// Splits conversations into batches of B (default 16): in the given order for evaluation, or
/// in a seeded shuffled order for training. The last batch may be smaller. Pure bookkeeping;
/// tensors are built from it elsewhere.
/// </summary>
public sealed class ConversationBatchPlan
{
    /// <summary>Default batch size in conversations (B = 16, as in the ELR-GNN peers).</summary>
    public const int DefaultBatchSize = 16;

    private ConversationBatchPlan(IReadOnlyList<PlannedBatch> batches, int[] order, int batchSize)
    {
        Batches = batches;
        Order = order;
        BatchSize = batchSize;
    }

    /// <summary>The batches, in visiting order.</summary>
    public IReadOnlyList<PlannedBatch> Batches { get; }

    /// <summary>Conversation indices in visiting order (all batches concatenated).</summary>
    public IReadOnlyList<int> Order { get; }

    /// <summary>Conversations per batch (the last batch may hold fewer).</summary>
    public int BatchSize { get; }

    /// <summary>Batches in input order (evaluation, prediction).</summary>
    /// <param name="conversations">Conversations; each with at least one utterance.</param>
    /// <param name="batchSize">Conversations per batch; ≥ 1. Default 16.</param>
    public static ConversationBatchPlan Sequential(IReadOnlyList<Conversation> conversations, int batchSize = DefaultBatchSize) =>
        FromLengths(Lengths(conversations), batchSize, random: null);

    /// <summary>Batches in an order shuffled by <paramref name="random"/> (training); same seed ⇒ same plan.</summary>
    /// <param name="conversations">Conversations; each with at least one utterance.</param>
    /// <param name="random">Source of the shuffle, e.g. <c>new Random(seed + epoch)</c>.</param>
    /// <param name="batchSize">Conversations per batch; ≥ 1. Default 16.</param>
    public static ConversationBatchPlan Shuffled(IReadOnlyList<Conversation> conversations, Random random, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(random);
        return FromLengths(Lengths(conversations), batchSize, random);
    }

    /// <summary>
    /// Plans batches from conversation lengths: sequential when <paramref name="random"/> is null,
    /// else shuffled (Fisher–Yates) with it.
    /// </summary>
    /// <param name="lengths">Utterances per conversation; each ≥ 1.</param>
    /// <param name="batchSize">Conversations per batch; ≥ 1. Default 16.</param>
    /// <param name="random">Shuffle source; null = keep the input order.</param>
    public static ConversationBatchPlan FromLengths(IReadOnlyList<int> lengths, int batchSize = DefaultBatchSize, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (int i = 0; i < lengths.Count; i++)
        {
            if (lengths[i] < 1)
                throw new ArgumentException($"Conversation {i} has {lengths[i]} utterances; at least 1 is needed.", nameof(lengths));
        }

        var order = Enumerable.Range(0, lengths.Count).ToArray();
        if (random is not null)
        {
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        var batches = new List<PlannedBatch>((order.Length + batchSize - 1) / batchSize);
        for (int start = 0; start < order.Length; start += batchSize)
        {
            var members = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
            batches.Add(new PlannedBatch(members, members.Select(i => lengths[i]).ToArray()));
        }
        return new ConversationBatchPlan(batches, order, batchSize);
    }

    private static int[] Lengths(IReadOnlyList<Conversation> conversations)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        return conversations.Select(c => c.Length).ToArray();
    }
}
