using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;

namespace ElrGnn.MLNet.Prediction.Explanations;

/// <summary>
/// A fitted pipeline split for explanations: the steps before the ELR-GNN transformer (label keys, text embedding,
/// graph columns), run once to get each utterance's feature vectors, and the transformer itself, whose network then
/// scores the occluded conversations directly.
/// </summary>
internal sealed class ExplainablePipeline
{
    private readonly IReadOnlyList<ITransformer> _before;
    private readonly ElrGnnTransformer _scorer;
    private readonly ConversationGraphOptions _graphOptions;

    private ExplainablePipeline(IReadOnlyList<ITransformer> before, ElrGnnTransformer scorer)
    {
        _before = before;
        _scorer = scorer;
        // Π as Transform gets it: from the pipeline's graph step when there is one, else the model's recorded options.
        _graphOptions = before.OfType<ConversationGraphTransformer>().LastOrDefault()?.Options ?? scorer.GraphOptions;
    }

    /// <summary>Splits <paramref name="model"/> at its (first) ELR-GNN step.</summary>
    /// <exception cref="InvalidOperationException">The model has no ELR-GNN step.</exception>
    public static ExplainablePipeline From(ITransformer model)
    {
        var steps = TransformerSteps.Flatten(model).ToList();
        int at = steps.FindIndex(s => s is ElrGnnTransformer);
        if (at < 0)
            throw new InvalidOperationException("Only a pipeline with an ELR-GNN step (ElrGnnTransformer) can be explained; this model has none.");
        return new ExplainablePipeline(steps.Take(at).ToArray(), (ElrGnnTransformer)steps[at]);
    }

    /// <summary>Explains every conversation of <paramref name="data"/> (raw model input).</summary>
    /// <param name="data">Rows of one or more conversations, in any order.</param>
    /// <param name="top">Context turns listed per utterance (≥ 1).</param>
    /// <exception cref="ConversationDataException">Bad input, as <c>Transform</c> reports it.</exception>
    public IReadOnlyList<ConversationExplanation> Explain(IDataView data, int top)
    {
        var set = Read(data);
        var results = TurnContributions.Compute(_scorer, _graphOptions, set.Conversations);
        return set.Conversations.Select((c, k) => ExplanationBuilder.Build(c, results[k], _scorer.LabelNames, top)).ToArray();
    }

    // The steps before the network, then the network's own reader (same checks and messages as Transform).
    private ConversationSet Read(IDataView data)
    {
        foreach (var step in _before)
            data = step.Transform(data);
        var reader = _scorer.Reader();
        reader.ValidateSchema(data.Schema);
        return reader.Read(data);
    }
}
