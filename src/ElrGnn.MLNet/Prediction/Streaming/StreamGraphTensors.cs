using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Prediction.Streaming;

/// <summary>
/// Graph tensors for the suffix nodes of a batch of streams, in <see cref="Modules.ConversationBatch"/>'s layouts:
/// stream i owns nodes offsets[i]..offsets[i+1]−1, its newest turn last. The speaker graph is built on the suffix
/// (the nodes the newest turn reads have their whole window inside it); only the newest turn gets its Π row, the
/// other nodes an empty one (their latent output is not read).
/// </summary>
internal sealed class StreamGraphTensors
{
    /// <summary>(Nodes, K) Π columns, or null when the GFP branch is off.</summary>
    public Tensor? PropagationIndex { get; private init; }

    /// <summary>(Nodes, K) Π values, 0 at padding, or null.</summary>
    public Tensor? PropagationWeight { get; private init; }

    /// <summary>(Nodes, W) speaker-window neighbours, or null when the speaker branch is off.</summary>
    public Tensor? SpeakerNeighbours { get; private init; }

    /// <summary>(Nodes, W) relation codes, or null.</summary>
    public Tensor? SpeakerRelations { get; private init; }

    /// <summary>(Nodes, W) 1/|N_r(i)| at real entries, or null.</summary>
    public Tensor? SpeakerNorm { get; private init; }

    /// <summary>Builds the tensors (in the caller's dispose scope).</summary>
    public static StreamGraphTensors Build(IReadOnlyList<StreamWindow> windows, int[] offsets, NetworkConfig config,
        (int Past, int Future) speakerWindow, Device device)
    {
        int nodes = offsets[^1];
        Tensor? propIndex = null, propWeight = null, neighbours = null, relations = null, norm = null;
        if (config.UseGfpBranch)
        {
            int k = Math.Max(1, windows.Max(w => w.PropagationRow?.Columns.Length ?? 0));
            var index = new long[nodes * k];
            var weight = new float[nodes * k];
            for (int node = 0; node < nodes; node++)
                index.AsSpan(node * k, k).Fill(node);                 // padding points at the node itself, weight 0
            for (int i = 0; i < windows.Count; i++)
            {
                var (columns, values) = windows[i].PropagationRow!.Value;
                int row = (offsets[i + 1] - 1) * k;
                for (int e = 0; e < columns.Length; e++)
                {
                    index[row + e] = offsets[i] + columns[e] - windows[i].First;
                    weight[row + e] = values[e];
                }
            }
            propIndex = torch.tensor(index, [nodes, k], device: device);
            propWeight = torch.tensor(weight, [nodes, k], device: device);
        }
        if (config.UseSpeakerGraph)
            (neighbours, relations, norm) = SpeakerTensors(windows, offsets, speakerWindow, device);
        return new StreamGraphTensors
        {
            PropagationIndex = propIndex, PropagationWeight = propWeight,
            SpeakerNeighbours = neighbours, SpeakerRelations = relations, SpeakerNorm = norm,
        };
    }

    private static (Tensor, Tensor, Tensor) SpeakerTensors(IReadOnlyList<StreamWindow> windows, int[] offsets,
        (int Past, int Future) speakerWindow, Device device)
    {
        const int r = SpeakerRelationGraph.RelationTypeCount;
        var graphs = windows.Select(w => SpeakerRelationGraph.Build(w.Speakers, speakerWindow.Past, speakerWindow.Future)).ToArray();
        int width = 1;
        foreach (var graph in graphs)
            for (int i = 0; i < graph.NodeCount; i++)
                width = Math.Max(width, graph.RowPtr[i + 1] - graph.RowPtr[i]);
        int nodes = offsets[^1];
        var neighbours = new long[nodes * width];
        var relations = new long[nodes * width];
        var norm = new float[nodes * width];
        for (int g = 0; g < graphs.Length; g++)
        {
            var graph = graphs[g];
            for (int i = 0; i < graph.NodeCount; i++)
            {
                int node = offsets[g] + i, row = node * width;
                neighbours.AsSpan(row, width).Fill(node);
                for (int e = graph.RowPtr[i], c = 0; e < graph.RowPtr[i + 1]; e++, c++)
                {
                    int relation = graph.Relation[e];
                    neighbours[row + c] = offsets[g] + graph.Neighbour[e];
                    relations[row + c] = relation;
                    norm[row + c] = 1f / graph.RelationCounts[i * r + relation];
                }
            }
        }
        return (torch.tensor(neighbours, [nodes, width], device: device), torch.tensor(relations, [nodes, width], device: device),
            torch.tensor(norm, [nodes, width], device: device));
    }
}
