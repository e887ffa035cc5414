using ElrGnn.MLNet.Orleans;
using Microsoft.Extensions.DependencyInjection;

namespace ElrGnn.MLNet.Hosting.Tests.Pool;

/// <summary>A service provider with a pool of one model file (a copy the test may replace) and the batcher.</summary>
internal sealed class PoolFixture : IDisposable
{
    public PoolFixture(string model, bool watch = false)
    {
        ModelPath = TinyModel.CopyToTemp(model);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddConversationPredictorPool<ConversationTurnInput, ConversationTurnOutput>()
            .FromFile("tiny", ModelPath, watchForChanges: watch)
            .Configure(o => o.ReloadDelay = TimeSpan.FromMilliseconds(50));
        services.AddHealthChecks().AddConversationModelCheck<ConversationTurnInput, ConversationTurnOutput>();
        Services = services.BuildServiceProvider();
    }

    public string ModelPath { get; }

    public ServiceProvider Services { get; }

    public ConversationPredictorPool<ConversationTurnInput, ConversationTurnOutput> Pool =>
        Services.GetRequiredService<ConversationPredictorPool<ConversationTurnInput, ConversationTurnOutput>>();

    public ConversationTurnBatcher<ConversationTurnInput, ConversationTurnOutput> Batcher =>
        Services.GetRequiredService<ConversationTurnBatcher<ConversationTurnInput, ConversationTurnOutput>>();

    public void Dispose() => Services.Dispose();
}
