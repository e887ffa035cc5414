using System.Diagnostics.Metrics;
using ElrGnn.MLNet.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ElrGnn.MLNet.Hosting.Tests.Pool;

[TestClass]
public sealed class ConversationPredictorPoolTests
{
    [TestMethod]
    public async Task Reload_WithLeaseOut_NewLeasesGetNewVersionAndOldIsDisposedAfterLastLease()
    {
        using var fixture = new PoolFixture(TinyModel.First);
        var pool = fixture.Pool;
        var conversation = TinyModel.Conversations()[0];
        var old = pool.Rent("tiny");
        var before = old.Predictor.Predict(conversation);

        TinyModel.Replace(fixture.ModelPath, TinyModel.Second);
        var reloaded = await pool.ReloadAsync("tiny");

        using (var lease = pool.Rent("tiny"))
        {
            Assert.AreSame(reloaded, lease.Model);
            Assert.AreEqual(2, lease.Model.Version);
        }
        Assert.IsFalse(old.Model.IsDisposed, "a lent version must stay usable");
        var stillOld = old.Predictor.Predict(conversation);
        CollectionAssert.AreEqual(before[0].Score, stillOld[0].Score);
        old.Dispose();
        Assert.IsTrue(old.Model.IsDisposed, "the replaced version is disposed after its last lease");
        var expected = TinyModel.LoadPredictor(TinyModel.Second).Predict(conversation);
        CollectionAssert.AreEqual(expected[0].Score, pool.GetPredictor("tiny").Predict(conversation)[0].Score);
    }

    [TestMethod]
    public async Task FileReplaced_WhenWatched_PoolReloadsByItself()
    {
        using var fixture = new PoolFixture(TinyModel.First, watch: true);
        Assert.AreEqual(1, fixture.Pool.GetModel("tiny").Version);
        TinyModel.Replace(fixture.ModelPath, TinyModel.Second);
        for (int i = 0; i < 300 && fixture.Pool.GetModel("tiny").Version == 1; i++)
            await Task.Delay(100);
        Assert.AreEqual(2, fixture.Pool.GetModel("tiny").Version);
    }

    [TestMethod]
    public async Task HealthCheck_BeforeLoad_IsUnhealthy_AfterLoad_IsHealthy()
    {
        using var fixture = new PoolFixture(TinyModel.First);
        var health = fixture.Services.GetRequiredService<HealthCheckService>();
        Assert.AreEqual(HealthStatus.Unhealthy, (await health.CheckHealthAsync()).Status);
        await fixture.Pool.LoadAllAsync();
        Assert.AreEqual(HealthStatus.Healthy, (await health.CheckHealthAsync()).Status);
    }

    [TestMethod]
    public async Task HealthCheck_ModelFileMissing_IsUnhealthyNamingTheModel()
    {
        using var fixture = new PoolFixture(TinyModel.First);
        File.Delete(fixture.ModelPath);
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Pool.LoadAllAsync());
        var report = await fixture.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.AreEqual(HealthStatus.Unhealthy, report.Status);
        Assert.Contains("'tiny'", report.Entries.Single().Value.Description!);
    }

    [TestMethod]
    public void Predict_CountsTurnsOnTheMeter()
    {
        using var fixture = new PoolFixture(TinyModel.First);
        var pool = fixture.Pool;
        long turns = 0;
        int latencies = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == pool.Metrics.Meter)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "elrgnn.turns_scored")
                Interlocked.Add(ref turns, value);
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            if (instrument.Name == "elrgnn.scoring.duration")
                Interlocked.Increment(ref latencies);
        });
        listener.Start();

        var conversations = TinyModel.Conversations().Take(2).ToList();
        foreach (var conversation in conversations)
            pool.Predict(conversation, "tiny");

        Assert.AreEqual(conversations.Sum(c => c.Count), Interlocked.Read(ref turns));
        Assert.AreEqual(2, latencies);
    }

    [TestMethod]
    public async Task LiveConversations_ThroughTheBatcher_EqualPredictOnTurnsSoFar()
    {
        using var fixture = new PoolFixture(TinyModel.First);
        var predictor = TinyModel.LoadPredictor(TinyModel.First);
        var conversations = TinyModel.Conversations();
        var live = conversations.Select(_ => new LiveConversation<ConversationTurnInput, ConversationTurnOutput>(fixture.Pool, fixture.Batcher, "tiny")).ToList();

        // All conversations advance together, so their turns meet in the batcher's queue.
        int longest = conversations.Max(c => c.Count);
        for (int t = 0; t < longest; t++)
        {
            var step = conversations.Select((c, i) => (c, i)).Where(x => t < x.c.Count)
                .Select(async x => (x.c, t, Output: await live[x.i].AddTurnAsync(x.c[t]))).ToList();
            foreach (var (conversation, turn, output) in await Task.WhenAll(step))
            {
                var expected = predictor.Predict(conversation.Take(turn + 1).ToList())[^1];
                ScoreAssert.Close(expected.Score, output.Score, $"{conversation[0].DialogueId} turn {turn}");
            }
        }
    }

    [TestMethod]
    public async Task LiveConversation_BadTurnInABatch_FailsOnlyItsOwnConversation()
    {
        using var fixture = new PoolFixture(TinyModel.First);
        var conversations = TinyModel.Conversations().Take(3).ToList();
        var live = conversations.Select(_ => new LiveConversation<ConversationTurnInput, ConversationTurnOutput>(fixture.Pool, fixture.Batcher, "tiny")).ToList();
        var bad = conversations[1][0];
        bad.Audio = [float.NaN, 0, 0, 0];

        var results = conversations.Select((c, i) => live[i].AddTurnAsync(c[0])).ToList();
        await Assert.ThrowsAsync<Exception>(() => results[1]);
        Assert.HasCount(3, (await results[0]).Score);
        Assert.HasCount(3, (await results[2]).Score);
        Assert.IsEmpty(live[1].History);
    }
}
