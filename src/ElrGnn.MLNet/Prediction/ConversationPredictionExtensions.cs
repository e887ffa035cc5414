using Microsoft.ML;

namespace ElrGnn.MLNet.Prediction;

/// <summary>Creates conversation-level predictors from a fitted or loaded pipeline.</summary>
public static class ConversationPredictionExtensions
{
    /// <summary>
    /// A thread-safe predictor that scores whole conversations (and streams of turns) with <paramref name="model"/>.
    /// </summary>
    /// <param name="model">A fitted or loaded pipeline ending in the ELR-GNN trainer's transformer (and e.g. MapKeyToValue).</param>
    /// <param name="mlContext">The context the model was fitted or loaded in.</param>
    /// <param name="inputSchema">The model's input schema (from <c>mlContext.Model.Load</c> or the training data); gives the
    /// sizes of vector columns when <typeparamref name="TInput"/> declares them as plain arrays. Optional.</param>
    public static ConversationPredictor<TInput, TOutput> CreateConversationPredictor<TInput, TOutput>(this ITransformer model,
        MLContext mlContext, Microsoft.ML.DataViewSchema? inputSchema = null)
        where TInput : class
        where TOutput : class, new()
        => new(mlContext, model, inputSchema);
}
