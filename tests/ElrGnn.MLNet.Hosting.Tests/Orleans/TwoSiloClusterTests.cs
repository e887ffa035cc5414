using ElrGnn.MLNet.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace ElrGnn.MLNet.Hosting.Tests.Orleans;

[TestClass]
public sealed class TwoSiloClusterTests
{
    private static TestCluster? _cluster;

    [ClassInitialize]
    public static async Task StartCluster(TestContext _)
    {
        SiloSetup.ModelPath = TinyModel.First;
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    [ClassCleanup]
    public static async Task StopCluster()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }

    [TestMethod]
    public async Task ManyLiveConversations_OnTwoSilos_EachResultEqualsPredictOnTurnsSoFar()
    {
        var predictor = TinyModel.LoadPredictor(TinyModel.First);
        var labels = TinyModel.LabelNames(TinyModel.First);
        var conversations = TinyModel.Conversations();
        Assert.IsGreaterThanOrEqualTo(4, conversations.Count);
        var ids = conversations.Select((_, i) => $"cluster-{i}-{Guid.NewGuid():N}").ToList();

        var runs = conversations.Select(async (conversation, i) =>
        {
            var grain = _cluster!.GrainFactory.GetGrain<IConversationGrain>(ids[i]);
            for (int t = 0; t < conversation.Count; t++)
            {
                var result = await grain.AddTurnAsync(TinyModel.ToLiveTurn(conversation[t]));
                Assert.IsNull(result.Problem, result.Problem?.Message);
                var soFar = conversation.Take(t + 1).Select(r => Copy(r, ids[i])).ToList();
                var expected = predictor.Predict(soFar)[^1].Score;
                ScoreAssert.Close(expected, labels.Select(l => result.Prediction!.Probabilities[l]).ToArray(), $"{ids[i]} turn {t}");
            }
        });
        await Task.WhenAll(runs);
    }

    [TestMethod]
    public async Task Reactivated_Conversation_RebuildsFromItsStoredHistory()
    {
        var rows = TinyModel.Conversations()[1];
        string id = $"reactivated-{Guid.NewGuid():N}";
        var grain = _cluster!.GrainFactory.GetGrain<IConversationGrain>(id);
        await grain.AddTurnAsync(TinyModel.ToLiveTurn(rows[0]));
        await grain.AddTurnAsync(TinyModel.ToLiveTurn(rows[1]));

        await _cluster.GrainFactory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var result = await grain.AddTurnAsync(TinyModel.ToLiveTurn(rows[2]));

        Assert.HasCount(3, await grain.GetTurnsAsync());
        var labels = TinyModel.LabelNames(TinyModel.First);
        var expected = TinyModel.LoadPredictor(TinyModel.First).Predict(rows.Take(3).Select(r => Copy(r, id)).ToList())[^1].Score;
        ScoreAssert.Close(expected, labels.Select(l => result.Prediction!.Probabilities[l]).ToArray());
    }

    [TestMethod]
    public async Task End_KnownConversation_ForgetsIt_UnknownReturnsFalse()
    {
        var row = TinyModel.Conversations()[0][0];
        var grain = _cluster!.GrainFactory.GetGrain<IConversationGrain>($"end-{Guid.NewGuid():N}");
        Assert.IsNotNull((await grain.AddTurnAsync(TinyModel.ToLiveTurn(row))).Prediction);
        Assert.IsTrue(await grain.EndAsync());
        Assert.IsFalse(await _cluster.GrainFactory.GetGrain<IConversationGrain>($"never-{Guid.NewGuid():N}").EndAsync());
    }

    [TestMethod]
    public async Task AddTurn_WrongFeatureLength_IsRefusedNamingTheFieldAndKeepsTheConversation()
    {
        var rows = TinyModel.Conversations()[0];
        var grain = _cluster!.GrainFactory.GetGrain<IConversationGrain>($"bad-{Guid.NewGuid():N}");
        await grain.AddTurnAsync(TinyModel.ToLiveTurn(rows[0]));
        var bad = TinyModel.ToLiveTurn(rows[1]);
        bad.Features["Audio"] = [1f, 2f];

        var result = await grain.AddTurnAsync(bad);

        Assert.IsNull(result.Prediction);
        Assert.AreEqual("features.Audio", result.Problem!.Field);
        Assert.Contains($"turn {rows[1].Turn}", result.Problem.Message);
        Assert.HasCount(1, await grain.GetTurnsAsync());
    }

    // The grain scores rows whose conversation id is the grain key.
    private static ConversationTurnInput Copy(ConversationTurnInput r, string id) => new()
    {
        DialogueId = id, Turn = r.Turn, Speaker = r.Speaker, Text = r.Text, Audio = r.Audio, Visual = r.Visual,
    };

    private sealed class SiloSetup : ISiloConfigurator
    {
        public static string ModelPath { get; set; } = "";

        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(ConversationGrain.StorageName);
            siloBuilder.Services.AddLiveConversations().FromFile(ModelPath, watchForChanges: false);
        }
    }
}
