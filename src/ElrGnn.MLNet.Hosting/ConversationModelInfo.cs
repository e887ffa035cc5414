using ElrGnn.MLNet.Transforms;
using Microsoft.ML;

namespace ElrGnn.MLNet.Hosting;

/// <summary>What a loaded model reads and predicts: the facts a service needs to check requests before scoring.</summary>
public sealed class ConversationModelInfo
{
    private ConversationModelInfo(ElrGnnTransformer network, DataViewSchema inputSchema)
    {
        Columns = network.Columns;
        LabelNames = network.LabelNames;
        // A feature column missing from the saved input schema is computed inside the pipeline (e.g. MiniLM from text).
        RawFeatures = network.Columns.Features
            .Select((name, m) => (Name: name, Size: network.FeatureDimensions[m]))
            .Where(f => inputSchema.GetColumnOrNull(f.Name) is not null)
            .ToArray();
        ComputesFeatures = RawFeatures.Count < network.Columns.Features.Count;
    }

    /// <summary>Conversation id, turn, speaker and feature columns of the network.</summary>
    public ElrGnnColumns Columns { get; }

    /// <summary>Class names; index = class id = <c>Score</c> slot.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>Feature vectors each input row must carry (name and length).</summary>
    public IReadOnlyList<(string Name, int Size)> RawFeatures { get; }

    /// <summary>True when the pipeline computes some feature columns itself (e.g. text embeddings from the utterance).</summary>
    public bool ComputesFeatures { get; }

    /// <summary>Reads the facts from a fitted or loaded pipeline.</summary>
    /// <exception cref="InvalidOperationException">The pipeline has no ELR-GNN step.</exception>
    public static ConversationModelInfo From(ITransformer model, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        var network = TransformerSteps.Flatten(model).OfType<ElrGnnTransformer>().FirstOrDefault()
            ?? throw new InvalidOperationException("The model has no ELR-GNN step; serve a pipeline that ends in the ElrGnn trainer's transformer.");
        return new ConversationModelInfo(network, inputSchema);
    }
}
