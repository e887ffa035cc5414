using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Tests.Modules;
using ElrGnn.MLNet.Training;
using TorchSharp;

namespace ElrGnn.MLNet.Tests.Training;

[TestClass]
public sealed class NetworkWeightsTests
{
    [TestMethod]
    public void SaveThenLoad_GivesIdenticalLogits_AndKeepsTorchRandomStream()
    {
        var config = NetTestData.Config() with { LateFusion = LateFusionKind.Logit, Heads = 2 };
        using var network = NetTestData.Network(config, seed: 3);
        network.eval();
        var items = NetTestData.RandomItems(1, 5, 7);
        using var batch = BatchBuilder.Build(items, config, torch.CPU);
        var expected = NetTestData.Values(network.call(batch));
        using var stream = new MemoryStream();
        NetworkWeights.Save(network, stream);
        stream.Position = 0;

        torch.manual_seed(77);
        using var loaded = NetworkWeights.Load(stream, expected: config);
        var next = NetTestData.Values(torch.rand(3));
        torch.manual_seed(77);
        var reference = NetTestData.Values(torch.rand(3));

        Assert.AreEqual(config, loaded.Config);
        CollectionAssert.AreEqual(expected, NetTestData.Values(loaded.call(batch)));
        CollectionAssert.AreEqual(reference, next);
        Assert.AreEqual(stream.Length, stream.Position);
    }

    [TestMethod]
    public void Load_OtherExpectedShape_ThrowsInvalidData()
    {
        var config = NetTestData.Config();
        using var network = NetTestData.Network(config);
        using var stream = new MemoryStream();
        NetworkWeights.Save(network, stream);
        stream.Position = 0;

        var e = Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(stream, expected: config with { ModalityDimensions = [8, 4, 6] }));

        Assert.Contains("does not match", e.Message);
    }

    [TestMethod]
    public void Load_HeaderThatDisagreesWithWeights_ThrowsInvalidData()
    {
        var config = NetTestData.Config();
        using var network = NetTestData.Network(config);
        using var stream = new MemoryStream();
        NetworkWeights.Save(network, stream);
        var bytes = stream.ToArray();
        // The first modality width sits after magic (8) + version (4) + count (4): claim 9 instead of 8.
        BitConverter.GetBytes(9).CopyTo(bytes, 16);

        Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(new MemoryStream(bytes)));
    }

    [TestMethod]
    public void Load_NotANetworkOrTruncated_ThrowsInvalidData()
    {
        NetTestData.Torch();
        using var network = NetTestData.Network(NetTestData.Config());
        using var stream = new MemoryStream();
        NetworkWeights.Save(network, stream);
        var bytes = stream.ToArray();

        Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(new MemoryStream(new byte[64])));
        Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(new MemoryStream(bytes, 0, 30)));
        Assert.Throws<InvalidDataException>(() => NetworkWeights.Load(new MemoryStream(bytes, 0, bytes.Length - 10)));
    }
}
