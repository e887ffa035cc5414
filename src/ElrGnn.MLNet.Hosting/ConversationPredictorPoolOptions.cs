using Microsoft.ML;

namespace ElrGnn.MLNet.Hosting;

/// <summary>Settings of a <see cref="ConversationPredictorPool{TInput,TOutput}"/>; filled by its builder.</summary>
/// <typeparam name="TInput">Row type of the model's input.</typeparam>
/// <typeparam name="TOutput">Row type read back.</typeparam>
public sealed class ConversationPredictorPoolOptions<TInput, TOutput>
    where TInput : class
    where TOutput : class, new()
{
    /// <summary>Loader factory per model name (the default model's name is <see cref="string.Empty"/>). Default: none.</summary>
    public Dictionary<string, Func<IServiceProvider, ConversationModelLoader>> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Called on each new <see cref="MLContext"/> before a model is loaded into it, e.g. to register the assembly of the
    /// text-embedding transform (<c>ElrGnn.MLNet.Embeddings</c>) for models trained on transcripts. Default: none.
    /// </summary>
    public Action<MLContext>? ConfigureMLContext { get; set; }

    /// <summary>Seed of each model's <see cref="MLContext"/>. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Wait after a file-change notification before reloading, so a file still being written is read whole; ≥ 0.
    /// Default 200 ms. A load that fails keeps the current version and is retried on the next change.
    /// </summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
