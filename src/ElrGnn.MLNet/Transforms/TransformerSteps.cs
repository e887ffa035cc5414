using Microsoft.ML;

namespace ElrGnn.MLNet.Transforms;

/// <summary>The individual steps of a fitted or loaded ML.NET pipeline.</summary>
public static class TransformerSteps
{
    /// <summary>
    /// The steps of <paramref name="model"/> in order, with nested <c>TransformerChain</c>s (as <c>Append</c> and
    /// <c>mlContext.Model.Load</c> build them) opened up; a single transformer is its own only step. Use it to find, for
    /// example, the <see cref="ElrGnnTransformer"/> of a loaded model.
    /// </summary>
    /// <param name="model">A fitted or loaded pipeline, or one transformer.</param>
    /// <returns>The leaf transformers, in pipeline order.</returns>
    public static IEnumerable<ITransformer> Flatten(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];
    }
}
