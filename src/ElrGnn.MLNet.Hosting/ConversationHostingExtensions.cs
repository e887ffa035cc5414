using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using System.Diagnostics.Metrics;

namespace ElrGnn.MLNet.Hosting;

/// <summary>Registers the serving components (the front door of ElrGnn.MLNet.Hosting).</summary>
public static class ConversationHostingExtensions
{
    /// <summary>
    /// Registers a <see cref="ConversationPredictorPool{TInput,TOutput}"/> (singleton), its
    /// <see cref="ConversationTurnBatcher{TInput,TOutput}"/>, the <see cref="ConversationPredictorMetrics"/> and a start-up
    /// warm-up that loads the models; add models with <c>.FromFile(modelName, path, watchForChanges: true)</c>.
    /// </summary>
    /// <example><code>
    /// services.AddConversationPredictorPool&lt;ModelInput, ModelOutput&gt;().FromFile("emotions", "model.zip", watchForChanges: true);
    /// services.AddHealthChecks().AddConversationModelCheck&lt;ModelInput, ModelOutput&gt;();
    /// </code></example>
    public static ConversationPredictorPoolBuilder<TInput, TOutput> AddConversationPredictorPool<TInput, TOutput>(this IServiceCollection services)
        where TInput : class
        where TOutput : class, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddSingleton(sp => new ConversationPredictorMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<ConversationPredictorPool<TInput, TOutput>>();
        services.TryAddSingleton<ConversationTurnBatcher<TInput, TOutput>>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ConversationModelWarmup<TInput, TOutput>>());
        return new ConversationPredictorPoolBuilder<TInput, TOutput>(services);
    }

    /// <summary>Adds the readiness check of the pool's models (healthy once every model is loaded).</summary>
    /// <param name="builder">The health-checks builder.</param>
    /// <param name="name">The check's name. Default "elrgnn-model".</param>
    /// <param name="tags">Tags, e.g. "ready".</param>
    public static IHealthChecksBuilder AddConversationModelCheck<TInput, TOutput>(this IHealthChecksBuilder builder,
        string name = "elrgnn-model", params string[] tags)
        where TInput : class
        where TOutput : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<ConversationModelHealthCheck<TInput, TOutput>>(name, HealthStatus.Unhealthy, tags);
    }
}
