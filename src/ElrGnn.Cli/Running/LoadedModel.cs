using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Features;
using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.Cli.Running;

/// <summary>A model zip written by <c>elrgnn train</c>, loaded, with what it needs from its input.</summary>
internal sealed class LoadedModel
{
    private LoadedModel(string path, ITransformer model, DataViewSchema inputSchema, ElrGnnTransformer network)
    {
        Path = path;
        Model = model;
        InputSchema = inputSchema;
        Network = network;
        // A feature column missing from the saved input schema is computed inside the pipeline (MiniLM from Utterance).
        RawFeatures = network.Columns.Features
            .Select((name, m) => (Name: name, Size: network.FeatureDimensions[m]))
            .Where(f => inputSchema.GetColumnOrNull(f.Name) is not null)
            .ToList();
        ComputesText = RawFeatures.Count < network.Columns.Features.Count;
    }

    /// <summary>The zip's path.</summary>
    public string Path { get; }

    /// <summary>The whole pipeline (label keys, text embedding when trained on a CSV, graph, network, label values).</summary>
    public ITransformer Model { get; }

    /// <summary>The raw input schema saved with the model.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>The trained network step.</summary>
    public ElrGnnTransformer Network { get; }

    /// <summary>Class names; index = class id = Score slot.</summary>
    public IReadOnlyList<string> Labels => Network.LabelNames;

    /// <summary>Feature vectors the input must carry (name and length).</summary>
    public IReadOnlyList<(string Name, int Size)> RawFeatures { get; }

    /// <summary>True when the model computes text features from the Utterance column itself.</summary>
    public bool ComputesText { get; }

    /// <summary>Loads a model zip into <paramref name="ml"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="ModelFileException">The file is not a readable model.</exception>
    /// <exception cref="CliUsageException">The model has no ELR-GNN step or no saved input schema.</exception>
    public static LoadedModel Load(MLContext ml, string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No model file at '{path}'.", path);
        // The frozen text step saves as a custom mapping whose factory lives in the embeddings assembly; the tuned one
        // as that assembly's own component.
        ml.RegisterUtteranceEmbeddings();
        var model = ElrGnnComponents.Load(ml, path, out var inputSchema);
        var network = TransformerSteps.Flatten(model).OfType<ElrGnnTransformer>().FirstOrDefault()
            ?? throw new CliUsageException($"'{path}' is an ML.NET model without an ELR-GNN step; use a model.zip written by 'elrgnn train'.");
        if (inputSchema is null)
            throw new CliUsageException($"'{path}' was saved without its input schema; use a model.zip written by 'elrgnn train'.");
        return new LoadedModel(path, model, inputSchema, network);
    }

    /// <summary>Checks that <paramref name="data"/> has the columns this model reads.</summary>
    /// <exception cref="CliUsageException">A column is missing or has another size; the message says which and why.</exception>
    public void CheckInput(DataViewSchema data)
    {
        var columns = Network.Columns;
        foreach (var name in new[] { columns.ConversationId, columns.Turn, columns.Speaker })
        {
            if (data.GetColumnOrNull(name) is null)
                throw new CliUsageException($"The data has no '{name}' column, which the model reads.");
        }
        if (ComputesText && data.GetColumnOrNull(ConversationColumns.Utterance) is null)
            throw new CliUsageException("The model embeds utterance text, but the data has no Utterance (text) column.");
        foreach (var (name, size) in RawFeatures)
        {
            var column = data.GetColumnOrNull(name);
            if (column is null)
                throw new CliUsageException($"The model reads feature vectors '{name}' ({size} floats), which the data does not have. " +
                    $"{FeatureHint()}");
            if (column.Value.Type is not VectorDataViewType { Size: var actual } || actual != size)
                throw new CliUsageException($"The model reads '{name}' as {size} floats; the data's '{name}' is {column.Value.Type}.");
        }
    }

    /// <summary>Says which input forms fit this model.</summary>
    public string FeatureHint() => ComputesText
        ? "This model was trained on transcripts (utterances.csv): give text."
        : $"This model was trained on precomputed features ({string.Join(", ", RawFeatures.Select(f => $"{f.Name} {f.Size}"))}): " +
          "use data with those vectors (the pickle or synthetic set it was trained on, or JSON input with \"features\").";
}
