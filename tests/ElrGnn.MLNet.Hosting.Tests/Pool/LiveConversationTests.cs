using System.Diagnostics.Metrics;
using ElrGnn.MLNet.Orleans;
using Microsoft.Extensions.DependencyInjection;

namespace ElrGnn.MLNet.Hosting.Tests.Pool;

[TestClass]
public sealed class LiveConversationTests
{
    [TestMethod]
    public async Task RestoredFromHistory_NextTurn_EqualsPredictOnAllTurns()
    {
        using var fixture = new PoolFixture(TinyModel.First);
        var conversation = TinyModel.Conversations()[0];
        var live = new LiveConversation<ConversationTurnInput, ConversationTurnOutput>(fixture.Pool, fixture.Batcher, "tiny", conversation.Take(2));

        var output = await live.AddTurnAsync(conversation[2]);

        var expected = TinyModel.LoadPredictor(TinyModel.First).Predict(conversation.Take(3).ToList())[^1];
        ScoreAssert.Close(expected.Score, output.Score);
        Assert.HasCount(3, live.History);
    }

    [TestMethod]
    public async Task AfterReload_NextTurn_IsScoredByTheNewModelOnTheWholeHistory()
    {
        using var fixture = new PoolFixture(TinyModel.First);
        var conversation = TinyModel.Conversations()[0];
        var live = new LiveConversation<ConversationTurnInput, ConversationTurnOutput>(fixture.Pool, fixture.Batcher, "tiny");
        await live.AddTurnAsync(conversation[0]);
        await live.AddTurnAsync(conversation[1]);

        TinyModel.Replace(fixture.ModelPath, TinyModel.Second);
        await fixture.Pool.ReloadAsync("tiny");
        var output = await live.AddTurnAsync(conversation[2]);

        var expected = TinyModel.LoadPredictor(TinyModel.Second).Predict(conversation.Take(3).ToList())[^1];
        ScoreAssert.Close(expected.Score, output.Score);
    }

    [TestMethod]
    public async Task Batcher_TurnsArrivingWithinTheDelay_AreScoredAsOneBatch()
    {
        var services = new ServiceCollection();
        services.AddConversationPredictorPool<ConversationTurnInput, ConversationTurnOutput>()
            .FromFile("tiny", TinyModel.First, watchForChanges: false)
            .ConfigureBatching(o =>
            {
                // A long delay with a batch of exactly the turns sent: the batch closes when the third turn arrives,
                // so a loaded CI machine (slow turns) cannot split it, while turns flushed early would still show.
                o.MaxQueueDelay = TimeSpan.FromSeconds(30);
                o.MaxBatchSize = 3;
            });
        using var provider = services.BuildServiceProvider();
        var pool = provider.GetRequiredService<ConversationPredictorPool<ConversationTurnInput, ConversationTurnOutput>>();
        var batcher = provider.GetRequiredService<ConversationTurnBatcher<ConversationTurnInput, ConversationTurnOutput>>();
        var sizes = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == pool.Metrics.Meter && instrument.Name == "elrgnn.batch.size")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => { lock (sizes) sizes.Add(value); });
        listener.Start();

        using var lease = pool.Rent("tiny");
        var conversations = TinyModel.Conversations().Take(3).ToList();
        var streams = conversations.Select(_ => lease.Predictor.StartConversation()).ToList();
        var tasks = conversations.Select((c, i) => batcher.AddTurnAsync(lease.Model, streams[i], c[0])).ToList();
        await Task.WhenAll(tasks);

        CollectionAssert.AreEqual(new long[] { 3 }, sizes);
    }

    [TestMethod]
    public void Batcher_MaxBatchSizeBelowOne_IsRefusedNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddConversationPredictorPool<ConversationTurnInput, ConversationTurnOutput>().ConfigureBatching(o => o.MaxBatchSize = 0);
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => provider.GetRequiredService<ConversationTurnBatcher<ConversationTurnInput, ConversationTurnOutput>>());
        Assert.Contains("MaxBatchSize", error.Message);
    }
}
