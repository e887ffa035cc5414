using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Training;

/// <summary>
/// Turns a list of <see cref="BatchItem"/>s into a <see cref="ConversationBatch"/> of tensors on a device: padded
/// features, lengths, mask, node index, labels and the block-diagonal graph tensors. Everything is laid out in C#
/// arrays first and copied once per tensor.
/// </summary>
public static class BatchBuilder
{
    /// <summary>Builds one batch.</summary>
    /// <param name="items">Conversations of the batch, in batch order (at least one).</param>
    /// <param name="config">Network configuration: feature widths, class count and which graph tensors are needed.</param>
    /// <param name="device">Device of the tensors (the length tensor always stays on the CPU).</param>
    /// <returns>The batch; the caller disposes it.</returns>
    /// <exception cref="ArgumentException">A conversation's features do not match the widths, a label is ≥ C, or a needed graph is missing.</exception>
    public static ConversationBatch Build(IReadOnlyList<BatchItem> items, NetworkConfig config, Device device)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(config);
        if (items.Count == 0)
            throw new ArgumentException("A batch needs at least one conversation.", nameof(items));
        int b = items.Count;
        var plan = new PlannedBatch(Enumerable.Range(0, b).ToArray(), items.Select(i => i.Length).ToArray());
        int[] lengths = plan.Lengths, offsets = plan.NodeOffsets;
        int t = plan.MaxLength;
        int nodes = plan.TotalNodes;

        var features = new Tensor[config.ModalityDimensions.Count];
        var lengthTensor = torch.tensor(lengths.Select(n => (long)n).ToArray(), dtype: ScalarType.Int64);
        var nodeIndex = plan.PaddedIndexOfNode.Select(i => (long)i).ToArray();
        var labels = new long[nodes];
        var speakers = new long[b * t];
        for (int g = 0; g < b; g++)
        {
            var conversation = items[g].Conversation;
            for (int i = 0; i < lengths[g]; i++)
            {
                speakers[g * t + i] = conversation.SpeakerIndex[i];
                int label = conversation.Labels[i];
                if (label >= config.ClassCount || label < -1)
                    throw new ArgumentException($"Conversation '{conversation.Id}', utterance {i}: label {label} is outside -1..{config.ClassCount - 1}.", nameof(items));
                labels[offsets[g] + i] = label;
            }
        }
        for (int m = 0; m < features.Length; m++)
            features[m] = PaddedFeatures(items, m, config.ModalityDimensions[m], t, device);

        Tensor? propIndex = null, propWeight = null, spkNeighbours = null, spkRelations = null, spkNorm = null;
        if (config.UseGfpBranch)
            (propIndex, propWeight) = PropagationTensors(items, offsets, device);
        if (config.UseSpeakerGraph)
            (spkNeighbours, spkRelations, spkNorm) = SpeakerTensors(items, offsets, device);

        return new ConversationBatch(lengths, offsets, features, lengthTensor,
            torch.tensor(plan.Mask, [b, t], device: device),
            torch.tensor(speakers, [b, t], device: device),
            torch.tensor(nodeIndex, device: device),
            torch.tensor(labels, device: device),
            propIndex, propWeight, spkNeighbours, spkRelations, spkNorm);
    }

    private static Tensor PaddedFeatures(IReadOnlyList<BatchItem> items, int modality, int width, int t, Device device)
    {
        var data = new float[(long)items.Count * t * width];
        for (int g = 0; g < items.Count; g++)
        {
            var conversation = items[g].Conversation;
            if (modality >= conversation.Features.Length)
                throw new ArgumentException($"Conversation '{conversation.Id}' has {conversation.Features.Length} feature columns; the network expects {modality + 1} or more.", nameof(items));
            var source = conversation.Features[modality];
            if (source.Length != (long)conversation.Length * width)
                throw new ArgumentException($"Conversation '{conversation.Id}', feature column {modality}: expected {conversation.Length} × {width} values, got {source.Length}.", nameof(items));
            Array.Copy(source, 0, data, (long)g * t * width, source.Length);
        }
        return torch.tensor(data, [items.Count, t, width], device: device);
    }

    private static (Tensor Index, Tensor Weight) PropagationTensors(IReadOnlyList<BatchItem> items, int[] offsets, Device device)
    {
        int k = 1;
        foreach (var item in items)
        {
            var pi = item.Propagation ?? throw new ArgumentException($"Conversation '{item.Conversation.Id}' has no propagation Π but the GFP branch is on.", nameof(items));
            for (int s = 0; s < pi.NodeCount; s++)
                k = Math.Max(k, pi.RowPtr[s + 1] - pi.RowPtr[s]);
        }
        int nodes = offsets[^1];
        var index = new long[(long)nodes * k];
        var weight = new float[(long)nodes * k];
        for (int g = 0; g < items.Count; g++)
        {
            var pi = items[g].Propagation!;
            for (int s = 0; s < pi.NodeCount; s++)
            {
                long node = offsets[g] + s, row = node * k;
                index.AsSpan((int)row, k).Fill(node);        // padding points at the node itself, weight 0
                for (int e = pi.RowPtr[s], c = 0; e < pi.RowPtr[s + 1]; e++, c++)
                {
                    index[row + c] = offsets[g] + pi.Column[e];
                    weight[row + c] = pi.Weight[e];
                }
            }
        }
        return (torch.tensor(index, [nodes, k], device: device), torch.tensor(weight, [nodes, k], device: device));
    }

    private static (Tensor Neighbours, Tensor Relations, Tensor Norm) SpeakerTensors(IReadOnlyList<BatchItem> items, int[] offsets, Device device)
    {
        const int r = Graph.SpeakerRelationGraph.RelationTypeCount;
        int w = 1;
        foreach (var item in items)
        {
            var graph = item.SpeakerGraph ?? throw new ArgumentException($"Conversation '{item.Conversation.Id}' has no speaker graph but the speaker branch is on.", nameof(items));
            for (int i = 0; i < graph.NodeCount; i++)
                w = Math.Max(w, graph.RowPtr[i + 1] - graph.RowPtr[i]);
        }
        int nodes = offsets[^1];
        var neighbours = new long[(long)nodes * w];
        var relations = new long[(long)nodes * w];
        var norm = new float[(long)nodes * w];
        for (int g = 0; g < items.Count; g++)
        {
            var graph = items[g].SpeakerGraph!;
            for (int i = 0; i < graph.NodeCount; i++)
            {
                long node = offsets[g] + i, row = node * w;
                neighbours.AsSpan((int)row, w).Fill(node);
                for (int e = graph.RowPtr[i], c = 0; e < graph.RowPtr[i + 1]; e++, c++)
                {
                    int rel = graph.Relation[e];
                    neighbours[row + c] = offsets[g] + graph.Neighbour[e];
                    relations[row + c] = rel;
                    norm[row + c] = 1f / graph.RelationCounts[i * r + rel];
                }
            }
        }
        return (torch.tensor(neighbours, [nodes, w], device: device), torch.tensor(relations, [nodes, w], device: device),
            torch.tensor(norm, [nodes, w], device: device));
    }
}
