using ElrGnn.MLNet.Training;
using TorchSharp;

namespace ElrGnn.MLNet.Tests.Modules;

/// <summary>SpeakerGraphLayers: the deeper speaker graph behind the full-graph RGCN baseline.</summary>
[TestClass]
public sealed class StackedSpeakerGraphTests
{
    [TestMethod]
    public void ThreeLayers_AddTwoNamedLayers_AndKeepTheFirstLayersNames()
    {
        var config = NetTestData.Config() with { SpeakerGraphLayers = 3 };
        using var network = NetTestData.Network(config);

        var keys = network.state_dict().Keys.ToArray();

        CollectionAssert.Contains(keys, "speakerGraph.relational.weight");
        CollectionAssert.Contains(keys, "deeperSpeakerGraph.0.relational.weight");
        CollectionAssert.Contains(keys, "deeperSpeakerGraph.1.selfLoop.bias");
        Assert.IsFalse(keys.Any(k => k.StartsWith("deeperSpeakerGraph.2.", StringComparison.Ordinal)), "exactly two extra layers");
        using var shallow = NetTestData.Network(NetTestData.Config());
        Assert.IsFalse(shallow.state_dict().Keys.Any(k => k.StartsWith("deeperSpeakerGraph", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void DeeperLayers_ChangeTheOutput_AndGetGradients()
    {
        var items = NetTestData.RandomItems(5, 7, 4);
        var one = NetTestData.Config() with { UseGfpBranch = false };
        var two = one with { SpeakerGraphLayers = 2 };
        using var shallow = NetTestData.Network(one);
        using var deep = NetTestData.Network(two);
        // Same weights everywhere the two share names: only the extra layer differs.
        deep.load_state_dict(shallow.state_dict(), strict: false);
        shallow.eval();
        deep.train();
        using var batch = BatchBuilder.Build(items, two, torch.CPU);

        using var loss = torch.nn.functional.cross_entropy(deep.call(batch), batch.Labels);
        loss.backward();
        deep.eval();

        Assert.IsGreaterThan(1e-6, NetTestData.MaxDiff(NetTestData.Values(shallow.call(batch)), NetTestData.Values(deep.call(batch))));
        foreach (var (name, p) in deep.named_parameters().Where(p => p.name.StartsWith("deeperSpeakerGraph", StringComparison.Ordinal)))
        {
            using var norm = p.grad!.abs().sum();
            Assert.IsGreaterThan(0f, norm.item<float>(), name);
        }
    }

    [TestMethod]
    public void Header_RoundTripsLayersAndResidual_AndReadsVersionOneAsOneLayerWithoutResidual()
    {
        var config = NetTestData.Config() with { SpeakerGraphLayers = 6, UseContextResidual = true };
        var bytes = Write(config);

        Assert.AreEqual(config, Read(bytes));
        Assert.AreEqual(6, Read(bytes).SpeakerGraphLayers);

        Assert.IsFalse(Read(Write(config with { UseContextResidual = false })).UseContextResidual);

        // Version 1 had neither: the same bytes without the trailing int32 and bool, version field set to 1.
        var v1 = bytes[..^5];
        BitConverter.GetBytes(1).CopyTo(v1, 8);
        Assert.AreEqual(config with { SpeakerGraphLayers = 1, UseContextResidual = false }, Read(v1));
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(17)]
    public void Options_RejectALayerCountOutOfRange(int layers)
    {
        var options = new ElrGnnTrainer.Options { SpeakerGraphLayers = layers };
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(options.Validate);
        Assert.AreEqual(nameof(ElrGnnTrainer.Options.SpeakerGraphLayers), error.ParamName);
    }

    private static byte[] Write(NetworkConfig config)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            config.Write(writer);
        return stream.ToArray();
    }

    private static NetworkConfig Read(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        return NetworkConfig.Read(reader);
    }
}
