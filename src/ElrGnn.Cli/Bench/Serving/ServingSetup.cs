using ElrGnn.Cli.Running;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.Cli.Bench.Serving;

/// <summary>
/// A model split for timing: the steps before the graph step (label keys, MiniLM text) run once on the test split and
/// are cached before any clock starts; the scoring steps (graph, network, key-to-value) are what is timed.
/// </summary>
/// <param name="Network">The model's ELR-GNN step.</param>
/// <param name="Scoring">The steps from the graph step (or the network, when there is none) to the end.</param>
/// <param name="Test">The test split after the earlier steps, cached and fully read once.</param>
internal sealed record ServingSetup(ElrGnnTransformer Network, ITransformer Scoring, IDataView Test)
{
    /// <summary>Splits <paramref name="model"/> and prepares <paramref name="rawTest"/>.</summary>
    /// <exception cref="CliUsageException">The model has no ELR-GNN step.</exception>
    public static ServingSetup Create(MLContext ml, ITransformer model, IDataView rawTest)
    {
        var steps = TransformerSteps.Flatten(model).ToArray();
        int cut = Array.FindIndex(steps, s => s is ConversationGraphTransformer or ElrGnnTransformer);
        if (cut < 0)
            throw new CliUsageException("The model has no ELR-GNN step; use a model.zip written by 'elrgnn train'.");
        var network = steps.OfType<ElrGnnTransformer>().First();
        var prefix = new TransformerChain<ITransformer>(steps[..cut]);
        var test = ml.Data.Cache(prefix.Transform(rawTest));
        ReadAll(test); // embeds text (if the model does) and fills the cache now, not inside a timed pass
        return new ServingSetup(network, new TransformerChain<ITransformer>(steps[cut..]), test);
    }

    private static void ReadAll(IDataView view)
    {
        using var cursor = view.GetRowCursor(view.Schema);
        while (cursor.MoveNext())
        {
        }
    }
}
