using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;

namespace ElrGnn.MLNet.Training;

/// <summary>
/// One conversation with its precomputed graphs: the unit that <see cref="BatchBuilder"/> batches and the training
/// loop shuffles. Π and the speaker graph may be null when the network does not use that branch.
/// </summary>
public sealed class BatchItem
{
    /// <summary>Pairs a conversation with its graphs after checking that they have one node per utterance.</summary>
    /// <param name="conversation">The conversation (at least one utterance).</param>
    /// <param name="propagation">Its top-k propagation Π (N rows), or null.</param>
    /// <param name="speakerGraph">Its speaker-relation graph (N nodes), or null.</param>
    /// <exception cref="ArgumentException">The conversation is empty or a graph has a different node count.</exception>
    public BatchItem(Conversation conversation, SparseRows? propagation, SpeakerRelationGraph? speakerGraph)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (conversation.Length == 0)
            throw new ArgumentException($"Conversation '{conversation.Id}' has no utterances.", nameof(conversation));
        if (propagation is not null && propagation.NodeCount != conversation.Length)
            throw new ArgumentException($"Conversation '{conversation.Id}' has {conversation.Length} utterances but its Π has {propagation.NodeCount} rows.", nameof(propagation));
        if (speakerGraph is not null && speakerGraph.NodeCount != conversation.Length)
            throw new ArgumentException($"Conversation '{conversation.Id}' has {conversation.Length} utterances but its speaker graph has {speakerGraph.NodeCount} nodes.", nameof(speakerGraph));
        Conversation = conversation;
        Propagation = propagation;
        SpeakerGraph = speakerGraph;
    }

    /// <summary>The conversation.</summary>
    public Conversation Conversation { get; }

    /// <summary>Its top-k propagation Π, or null.</summary>
    public SparseRows? Propagation { get; }

    /// <summary>Its speaker-relation graph, or null.</summary>
    public SpeakerRelationGraph? SpeakerGraph { get; }

    /// <summary>Number of utterances N.</summary>
    public int Length => Conversation.Length;

    /// <summary>
    /// Pairs conversations with their Π (from <c>ConversationGraphPrecompute.Run</c>, same order) and builds their
    /// speaker-relation graphs with window p/f.
    /// </summary>
    /// <param name="conversations">Conversations.</param>
    /// <param name="propagation">Π per conversation in the same order, or null when the GFP branch is off.</param>
    /// <param name="speakerWindow">Speaker-graph window p / f (each ≥ 0), or null to build no speaker graphs.</param>
    /// <returns>One item per conversation.</returns>
    public static BatchItem[] CreateAll(IReadOnlyList<Conversation> conversations, IReadOnlyList<SparseRows>? propagation,
        (int Past, int Future)? speakerWindow)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        if (propagation is not null && propagation.Count != conversations.Count)
            throw new ArgumentException($"Got {propagation.Count} propagation matrices for {conversations.Count} conversations.", nameof(propagation));
        var items = new BatchItem[conversations.Count];
        for (int c = 0; c < items.Length; c++)
        {
            var conversation = conversations[c];
            var speakers = speakerWindow is { } w ? SpeakerRelationGraph.Build(conversation.SpeakerIndex, w.Past, w.Future) : null;
            items[c] = new BatchItem(conversation, propagation?[c], speakers);
        }
        return items;
    }

    /// <summary>The items <paramref name="config"/>'s network reads: Π only with the GFP branch on, speaker graphs
    /// only with the speaker branch on.</summary>
    /// <param name="config">The network's switches.</param>
    /// <param name="conversations">Conversations.</param>
    /// <param name="propagation">Π per conversation in the same order.</param>
    /// <param name="speakerWindow">Speaker-graph window p / f.</param>
    /// <returns>One item per conversation.</returns>
    public static BatchItem[] ForNetwork(NetworkConfig config, IReadOnlyList<Conversation> conversations,
        IReadOnlyList<SparseRows> propagation, (int Past, int Future) speakerWindow)
    {
        ArgumentNullException.ThrowIfNull(config);
        return CreateAll(conversations, config.UseGfpBranch ? propagation : null, config.UseSpeakerGraph ? speakerWindow : null);
    }
}
