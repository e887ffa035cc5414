using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Prediction.Streaming;

/// <summary>One <see cref="StreamingPipeline{TInput,TOutput}"/> per predictor, built on its first stream and shared by all
/// its streams (the split LSTM weights are copied once per model).</summary>
internal static class StreamingPipelines<TInput, TOutput>
    where TInput : class
    where TOutput : class, new()
{
    private static readonly ConditionalWeakTable<ConversationPredictor<TInput, TOutput>, Lazy<StreamingPipeline<TInput, TOutput>?>> Table = new();

    /// <summary>The predictor's incremental pipeline, or null when its streams rerun the whole history.</summary>
    public static StreamingPipeline<TInput, TOutput>? For(ConversationPredictor<TInput, TOutput> predictor, MLContext mlContext,
        ITransformer model, SchemaDefinition inputDefinition) =>
        Table.GetValue(predictor, _ => new Lazy<StreamingPipeline<TInput, TOutput>?>(
            () => StreamingPipeline<TInput, TOutput>.TryCreate(mlContext, model, inputDefinition))).Value;
}
