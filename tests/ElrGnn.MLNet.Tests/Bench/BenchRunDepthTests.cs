using ElrGnn.Cli.Bench;
using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Tests.Modules;
using ElrGnn.MLNet.Training;

namespace ElrGnn.MLNet.Tests.Bench;

/// <summary>Issue 12 item 6: the RGCN baselines have the depth their names and descriptions state, counted in the built
/// network's convolution weights (each relational convolution has a <c>relational.weight</c>, each plain one a
/// <c>neighbour.weight</c>).</summary>
[TestClass]
public sealed class BenchRunDepthTests
{
    [TestMethod]
    [DataRow("full_graph_rgcn", 6)]
    [DataRow("rgcn_2_layers", 2)]
    [DataRow("elrgnn", 2)]
    [DataRow("no_gfp_branch", 2)]
    [DataRow("bilstm_only", 0)]
    [DataRow("no_speaker_graph", 0)]
    public void NetworkRun_BuildsTheStatedNumberOfConvolutions(string name, int convolutions)
    {
        var config = ConfigOf(name);
        NetTestData.Torch();
        using var network = new ElrGnnNetwork(config);
        var weights = network.state_dict().Keys.ToArray();

        int relational = weights.Count(k => k.EndsWith("relational.weight", StringComparison.Ordinal));
        int plain = weights.Count(k => k.EndsWith("neighbour.weight", StringComparison.Ordinal));

        Assert.AreEqual(convolutions, relational + plain, string.Join(", ", weights));
        Assert.AreEqual(relational, plain, "every block pairs a relational with a plain convolution");
        Assert.AreEqual(convolutions, FlopModel.SpeakerGraphConvolutions(config), "what bench.json reports");
        StringAssert.Contains(Run(name).Description, convolutions == 0 ? "0 convolutions" : $"{convolutions} message-passing convolutions");
    }

    [TestMethod]
    public void FullGraphRgcn_IsThePushOrder_AndEachBlockAddsOneBlockOfFlops()
    {
        var full = ConfigOf("full_graph_rgcn");
        int[] lengths = [12, 30];
        double Flop(int blocks) => FlopModel.TrainingEpoch(full with { SpeakerGraphLayers = blocks }, lengths, 10, 10, 32);

        Assert.AreEqual(ElrGnn.MLNet.Graph.GraphDefaults.Order, BenchRun.FullGraphConvolutions);
        Assert.AreEqual(3, full.SpeakerGraphLayers);
        Assert.AreEqual(2 * (Flop(2) - Flop(1)), Flop(3) - Flop(1), 1e-9 * Flop(3), "linear in blocks");
        Assert.IsGreaterThan(0, Flop(2) - Flop(1));
    }

    [TestMethod]
    public void ContextFreeRuns_LightGbmUsesSeeds_MaxEntIsFittedOnce()
    {
        Assert.IsFalse(Run("context_free_lightgbm").SeedIndependent);
        Assert.IsTrue(Run("context_free_maxent").SeedIndependent);
        Assert.IsFalse(BenchRun.All.Where(r => r.Kind == BenchRunKind.Network).Any(r => r.SeedIndependent), "network runs are seeded");
    }

    private static BenchRun Run(string name) => BenchRun.All.Single(r => r.Name == name);

    private static NetworkConfig ConfigOf(string name)
    {
        var options = new ElrGnnTrainer.Options { HiddenSize = 8, ModelSize = 8, TransformerHeads = 2 };
        Run(name).Adjust?.Invoke(options);
        return NetworkConfig.FromOptions(options, [8], 3);
    }
}
