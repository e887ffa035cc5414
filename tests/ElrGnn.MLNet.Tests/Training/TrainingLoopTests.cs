using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Tests.Modules;
using ElrGnn.MLNet.Training;
using TorchSharp;

namespace ElrGnn.MLNet.Tests.Training;

[TestClass]
public sealed class TrainingLoopTests
{
    /// <summary>Reports synchronously on the training thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Recorder(Action<TrainingProgress>? onReport = null) : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Reports { get; } = [];

        public void Report(TrainingProgress value)
        {
            Reports.Add(value);
            onReport?.Invoke(value);
        }
    }

    private static ElrGnnTrainer.Options Small(int epochs, int batchSize = 4) => new()
    {
        HiddenSize = 8,
        ModelSize = 8,
        LearningRate = 5e-3,
        Dropout = 0.1,
        BatchSize = batchSize,
        MaxEpochs = epochs,
        EarlyStoppingPatience = 0,
        Seed = 1,
        TransformerHeads = 2,
    };

    private static (BatchItem[] Train, BatchItem[] Valid) RandomData(int seed = 10)
    {
        var random = new Random(seed);
        var conversations = Enumerable.Range(0, 14).Select(i => NetTestData.RandomConversation("r" + i, 3 + random.Next(6), random)).ToArray();
        var items = NetTestData.Items(conversations);
        return (items[4..], items[..4]);
    }

    private static NetworkConfig ConfigOf(ElrGnnTrainer.Options o) => NetworkConfig.FromOptions(o, NetTestData.Dims, 3);

    private static Dictionary<string, float[]> Weights(TrainingResult r) =>
        r.Network.state_dict().ToDictionary(p => p.Key, p => NetTestData.Values(p.Value));

    private static void AssertBitIdentical(Dictionary<string, float[]> a, Dictionary<string, float[]> b)
    {
        CollectionAssert.AreEquivalent(a.Keys.ToArray(), b.Keys.ToArray());
        foreach (var (name, values) in a)
            CollectionAssert.AreEqual(values, b[name], name);
    }

    [TestMethod]
    public void SameSeed_GivesBitIdenticalWeights_OtherSeedDoesNot()
    {
        NetTestData.Torch();
        var (train, valid) = RandomData();
        var o = Small(3);

        using var first = TrainingLoop.Run(ConfigOf(o), o, train, valid, seed: 5);
        using var second = TrainingLoop.Run(ConfigOf(o), o, train, valid, seed: 5);
        using var other = TrainingLoop.Run(ConfigOf(o), o, train, valid, seed: 6);

        if (System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64)
            Assert.IsTrue(ElrGnn.MLNet.Native.TorchNative.ReproducibleBlas, "MKL reproducibility mode was not switched on");
        AssertBitIdentical(Weights(first), Weights(second));
        CollectionAssert.AreEqual(first.History.Select(h => h.TrainLoss).ToArray(), second.History.Select(h => h.TrainLoss).ToArray());
        Assert.AreNotEqual(first.History[0].TrainLoss, other.History[0].TrainLoss);
    }

    [TestMethod]
    public void ConsistencyLoss_Enabled_TrainsReproducibly()
    {
        NetTestData.Torch();
        var (train, valid) = RandomData();
        var o = Small(2);
        o.ConsistencySamples = 2;
        o.DropNode = 0.5;

        using var first = TrainingLoop.Run(ConfigOf(o), o, train, valid, seed: 5);
        using var second = TrainingLoop.Run(ConfigOf(o), o, train, valid, seed: 5);
        o.ConsistencySamples = 1;
        using var plain = TrainingLoop.Run(ConfigOf(o), o, train, valid, seed: 5);

        Assert.IsTrue(first.History.All(h => double.IsFinite(h.TrainLoss)));
        AssertBitIdentical(Weights(first), Weights(second));
        Assert.AreNotEqual(plain.History[0].TrainLoss, first.History[0].TrainLoss);
    }

    [TestMethod]
    public void CudaDevice_WithoutGpu_FailsWithClearError()
    {
        NetTestData.Torch();
        if (ElrGnn.MLNet.Internal.TorchDevices.CudaAvailable())
            Assert.Inconclusive("A GPU is present.");
        var (train, _) = RandomData();
        var o = Small(1);
        o.Device = "cuda";

        var e = Assert.Throws<InvalidOperationException>(() => TrainingLoop.Run(ConfigOf(o), o, train, null, seed: 1));

        Assert.Contains("CUDA", e.Message);
    }

    [TestMethod]
    public void StopAfterEpochTwo_ThenResume_EqualsUninterruptedRun()
    {
        NetTestData.Torch();
        var (train, valid) = RandomData();
        var o = Small(4);
        o.CheckpointDirectory = TestPaths.NewTempDir();
        var straight = Small(4);

        using var uninterrupted = TrainingLoop.Run(ConfigOf(straight), straight, train, valid, seed: 8);
        using var cts = new CancellationTokenSource();
        using (var stopped = TrainingLoop.Run(ConfigOf(o), o, train, valid, seed: 8, new Recorder(p => { if (p.Epoch == 2) cts.Cancel(); }), cts.Token))
        {
            Assert.IsTrue(stopped.Cancelled);
            Assert.AreEqual(2, stopped.EpochsCompleted);
        }
        using var resumed = TrainingLoop.Run(ConfigOf(o), o, train, valid, seed: 8);

        Assert.IsFalse(resumed.Cancelled);
        Assert.AreEqual(4, resumed.EpochsCompleted);
        Assert.AreEqual(uninterrupted.BestEpoch, resumed.BestEpoch);
        CollectionAssert.AreEqual(uninterrupted.History.Select(h => h.TrainLoss).ToArray(), resumed.History.Select(h => h.TrainLoss).ToArray());
        AssertBitIdentical(Weights(uninterrupted), Weights(resumed));
        Assert.IsFalse(File.Exists(Path.Combine(o.CheckpointDirectory, CheckpointStore.FileName + ".tmp")));
    }

    [TestMethod]
    public void Resume_WithOtherOptions_RefusesCheckpoint()
    {
        NetTestData.Torch();
        var (train, valid) = RandomData();
        var o = Small(1);
        o.CheckpointDirectory = TestPaths.NewTempDir();
        using (TrainingLoop.Run(ConfigOf(o), o, train, valid, seed: 2)) { }
        o.LearningRate = 1e-2;
        o.MaxEpochs = 2;

        var e = Assert.Throws<InvalidOperationException>(() => TrainingLoop.Run(ConfigOf(o), o, train, valid, seed: 2));

        Assert.Contains("other options", e.Message);
    }

    [TestMethod]
    public void Memory_StaysFlatOverTwentyEpochs_NativeAndManaged()
    {
        NetTestData.Torch();
        // The context task keeps improving, so the best-weights snapshot is replaced in many epochs.
        var random = new Random(5);
        var items = NetTestData.Items(Enumerable.Range(0, 16).Select(i => NetTestData.ContextConversation("k" + i, 4 + random.Next(6), random)).ToArray());
        var o = Small(20);
        o.LearningRate = 2e-2;
        var live = new List<long>();
        var managed = new List<long>();

        using var result = TrainingLoop.Run(ConfigOf(o), o, items[4..], items[..4], seed: 3,
            new Recorder(_ =>
            {
                live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
                managed.Add(GC.GetTotalMemory(forceFullCollection: true));
            }));

        Assert.IsGreaterThan(2, result.History.Count(h => h.IsBest), "the test needs several best-weight replacements");
        Assert.HasCount(20, live);
        Assert.IsGreaterThan(0L, live[1], "the statistics count this thread's tensors");
        for (int e = 2; e < live.Count; e++)
            Assert.AreEqual(live[1], live[e], $"live tensors grew at epoch {e + 1}: {string.Join(", ", live)}");
        // Managed heap after a full collection: history entries are tiny, so growth beyond noise means a leak.
        Assert.IsLessThan(managed[2] + 4_000_000, managed[^1], $"managed memory grew: {string.Join(", ", managed)}");
    }

    [TestMethod]
    public void Cancellation_ReturnsBestModelSoFar()
    {
        NetTestData.Torch();
        var (train, valid) = RandomData();
        var o = Small(10);
        using var cts = new CancellationTokenSource();

        using var result = TrainingLoop.Run(ConfigOf(o), o, train, valid, seed: 4, new Recorder(p => { if (p.Epoch == 4) cts.Cancel(); }), cts.Token);

        Assert.IsTrue(result.Cancelled);
        Assert.AreEqual(4, result.EpochsCompleted);
        var best = result.History.MaxBy(h => h.ValidationWeightedF1)!;
        Assert.AreEqual(result.History.First(h => h.ValidationWeightedF1 == best.ValidationWeightedF1).Epoch, result.BestEpoch);
        var (_, f1) = TrainingLoop.Validate(result.Network, ConfigOf(o), valid, o.BatchSize);
        Assert.AreEqual(best.ValidationWeightedF1!.Value, f1, 1e-12);
    }

    [TestMethod]
    public void EarlyStopping_WithoutValidationGain_StopsAfterPatience()
    {
        NetTestData.Torch();
        var (train, valid) = RandomData();
        var o = Small(10);
        o.LearningRate = 1e-12;   // predictions cannot change, so validation F1 never strictly improves
        o.EarlyStoppingPatience = 2;

        using var result = TrainingLoop.Run(ConfigOf(o), o, train, valid, seed: 4);

        Assert.IsTrue(result.StoppedEarly);
        Assert.AreEqual(3, result.EpochsCompleted);
        Assert.AreEqual(1, result.BestEpoch);
    }

    [TestMethod]
    public void FullModel_BeatsContextFreeModel_OnPreviousUtteranceTask()
    {
        NetTestData.Torch();
        var random = new Random(12);
        var conversations = Enumerable.Range(0, 60).Select(i => NetTestData.ContextConversation("k" + i, 6 + random.Next(7), random)).ToArray();
        var train = conversations[12..];
        var valid = conversations[..12];
        var o = Small(30, batchSize: 8);
        o.HiddenSize = 16;
        o.ModelSize = 16;
        o.LearningRate = 2e-2;
        o.UseClassWeights = false;

        // Context-free: the same loop and network on one-utterance conversations, so no utterance sees another.
        static Conversation[] Split(IEnumerable<Conversation> source) => source.SelectMany(c => Enumerable.Range(0, c.Length).Select(i =>
            new Conversation($"{c.Id}/{i}", [0], [c.Speakers[i]], [c.Labels[i]],
                c.Features.Select((f, m) => f.AsSpan(i * NetTestData.Dims[m], NetTestData.Dims[m]).ToArray()).ToArray(), [0]))).ToArray();

        using var full = TrainingLoop.Run(ConfigOf(o), o, NetTestData.Items(train), null, seed: 1);
        var single = Small(30, batchSize: 64);
        single.HiddenSize = 16;
        single.ModelSize = 16;
        single.LearningRate = 2e-2;
        single.UseClassWeights = false;
        using var contextFree = TrainingLoop.Run(ConfigOf(single), single, NetTestData.Items(Split(train)), null, seed: 1);

        var (fullAccuracy, _) = TrainingLoop.Validate(full.Network, ConfigOf(o), NetTestData.Items(valid), 8);
        var (freeAccuracy, _) = TrainingLoop.Validate(contextFree.Network, ConfigOf(single), NetTestData.Items(Split(valid)), 64);

        Assert.IsGreaterThan(0.85, fullAccuracy, $"full model accuracy {fullAccuracy:F3}");
        Assert.IsLessThan(0.55, freeAccuracy, $"context-free accuracy {freeAccuracy:F3}");
    }

    [TestMethod]
    public void PredictProbabilities_RowsSumToOne_InInputOrder()
    {
        var config = NetTestData.Config();
        using var network = NetTestData.Network(config);
        var items = NetTestData.RandomItems(3, 9, 2, 5);

        var all = NetworkPredictor.PredictProbabilities(network, items, batchSize: 2);

        Assert.HasCount(3, all);
        for (int c = 0; c < items.Length; c++)
        {
            Assert.HasCount(items[c].Length * 3, all[c]);
            for (int i = 0; i < items[c].Length; i++)
                Assert.AreEqual(1f, all[c][i * 3] + all[c][i * 3 + 1] + all[c][i * 3 + 2], 1e-5f);
            var alone = NetworkPredictor.PredictProbabilities(network, [items[c]], batchSize: 1)[0];
            Assert.IsLessThan(1e-5, NetTestData.MaxDiff(alone, all[c]));
        }
        Assert.IsTrue(network.training, "training mode is restored");
    }
}
