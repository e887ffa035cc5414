using ElrGnn.MLNet.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ElrGnn.MLNet.Orleans;

/// <summary>Registers what conversation grains need on a silo.</summary>
public static class LiveConversationServiceExtensions
{
    /// <summary>
    /// Registers the silo-local predictor pool and batcher for <see cref="ConversationGrain"/> (row types
    /// <see cref="ConversationTurnInput"/> / <see cref="ConversationTurnOutput"/>); add the model with <c>.FromFile(...)</c>.
    /// The silo also needs grain storage named <see cref="ConversationGrain.StorageName"/>.
    /// </summary>
    public static ConversationPredictorPoolBuilder<ConversationTurnInput, ConversationTurnOutput> AddLiveConversations(
        this IServiceCollection services, Action<LiveConversationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LiveConversationOptions>().Configure(o => configure?.Invoke(o));
        return services.AddConversationPredictorPool<ConversationTurnInput, ConversationTurnOutput>();
    }
}
