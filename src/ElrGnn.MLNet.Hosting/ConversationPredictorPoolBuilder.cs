using Microsoft.Extensions.DependencyInjection;

namespace ElrGnn.MLNet.Hosting;

/// <summary>Adds models to a pool registered by <c>AddConversationPredictorPool</c>.</summary>
/// <typeparam name="TInput">Row type of the model's input.</typeparam>
/// <typeparam name="TOutput">Row type read back.</typeparam>
public sealed class ConversationPredictorPoolBuilder<TInput, TOutput>
    where TInput : class
    where TOutput : class, new()
{
    internal ConversationPredictorPoolBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection the pool is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Serves the model zip at <paramref name="path"/> as the default model.</summary>
    public ConversationPredictorPoolBuilder<TInput, TOutput> FromFile(string path, bool watchForChanges = true) =>
        FromFile(ConversationPredictorPool<TInput, TOutput>.DefaultModelName, path, watchForChanges);

    /// <summary>Serves the model zip at <paramref name="path"/> under <paramref name="modelName"/>.</summary>
    /// <param name="modelName">The name requests use.</param>
    /// <param name="path">The model zip.</param>
    /// <param name="watchForChanges">Reload when the file changes (requests in flight finish on the old version).</param>
    public ConversationPredictorPoolBuilder<TInput, TOutput> FromFile(string modelName, string path, bool watchForChanges = true)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FromLoader(modelName, _ => new FileConversationModelLoader(path, watchForChanges));
    }

    /// <summary>Serves the model a custom <see cref="ConversationModelLoader"/> gives under <paramref name="modelName"/>.</summary>
    public ConversationPredictorPoolBuilder<TInput, TOutput> FromLoader(string modelName, Func<IServiceProvider, ConversationModelLoader> loader)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(loader);
        Services.Configure<ConversationPredictorPoolOptions<TInput, TOutput>>(o => o.Models[modelName] = loader);
        return this;
    }

    /// <summary>Changes pool settings (ML context set-up, seed, reload delay).</summary>
    public ConversationPredictorPoolBuilder<TInput, TOutput> Configure(Action<ConversationPredictorPoolOptions<TInput, TOutput>> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Changes the dynamic batcher's settings.</summary>
    public ConversationPredictorPoolBuilder<TInput, TOutput> ConfigureBatching(Action<DynamicBatchingOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}
