using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Tests.Modules;

[TestClass]
public sealed class ElrGnnNetworkTests
{
    [TestMethod]
    [DataRow(LateFusionKind.Representation, LatentOperatorKind.RelationAware, 0)]
    [DataRow(LateFusionKind.Logit, LatentOperatorKind.PlainPropagation, 3)]
    public void Forward_ConversationAloneOrInPaddedBatch_GivesSameLogits(LateFusionKind late, LatentOperatorKind latent, int speakerEmbeddings)
    {
        var config = NetTestData.Config(dropout: 0.5, dropNode: 0.5) with
        {
            LateFusion = late, LatentOperator = latent, Heads = 2, SpeakerEmbeddings = speakerEmbeddings,
        };
        using var network = NetTestData.Network(config);
        network.eval();
        var items = NetTestData.RandomItems(9, 4, 12, 1, 7);

        using var batch = BatchBuilder.Build(items, config, torch.CPU);
        var all = NetTestData.Values(network.call(batch));

        Assert.HasCount(24 * 3, all);
        for (int g = 0; g < items.Length; g++)
        {
            using var alone = BatchBuilder.Build([items[g]], config, torch.CPU);
            var single = NetTestData.Values(network.call(alone));
            var slice = all.AsSpan(batch.NodeOffsets[g] * 3, items[g].Length * 3).ToArray();
            Assert.IsLessThan(1e-5, NetTestData.MaxDiff(single, slice), $"conversation {g}");
        }
    }

    [TestMethod]
    [DataRow(LateFusionKind.Representation, ContextEncoderKind.PerModality)]
    [DataRow(LateFusionKind.Logit, ContextEncoderKind.Transformer)]
    [DataRow(LateFusionKind.Representation, ContextEncoderKind.Concatenated)]
    public void Backward_ReachesEveryParameter(LateFusionKind late, ContextEncoderKind encoder)
    {
        var config = NetTestData.Config() with { LateFusion = late, ContextEncoder = encoder, SpeakerEmbeddings = 2 };
        using var network = NetTestData.Network(config);
        network.train();
        var items = NetTestData.RandomItems(4, 6, 9, 3);
        using var batch = BatchBuilder.Build(items, config, torch.CPU);

        using var loss = nn.functional.cross_entropy(network.call(batch), batch.Labels);
        loss.backward();

        foreach (var (name, p) in network.named_parameters())
        {
            Assert.IsNotNull(p.grad, name);
            using var norm = p.grad.abs().sum();
            Assert.IsGreaterThan(0f, norm.item<float>(), $"no gradient reaches {name}");
        }
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(2)]
    public void SpeakerEmbedding_AloneMakesContextModelDependOnWhoSpeaks(int speakerEmbeddings)
    {
        var config = NetTestData.Config() with { SpeakerEmbeddings = speakerEmbeddings, UseGfpBranch = false, UseSpeakerGraph = false };
        using var network = NetTestData.Network(config);
        network.eval();
        var c = NetTestData.RandomConversation("a", 4, new Random(3));
        var alternating = new Conversation("x", c.Turns, ["p", "q", "p", "q"], c.Labels, c.Features, c.RowIds);
        var grouped = new Conversation("y", c.Turns, ["p", "p", "q", "q"], c.Labels, c.Features, c.RowIds);

        using var one = BatchBuilder.Build(BatchItem.CreateAll([alternating], null, speakerWindow: null), config, torch.CPU);
        using var two = BatchBuilder.Build(BatchItem.CreateAll([grouped], null, speakerWindow: null), config, torch.CPU);
        double difference = NetTestData.MaxDiff(NetTestData.Values(network.call(one)), NetTestData.Values(network.call(two)));

        Assert.AreEqual(speakerEmbeddings > 0, difference > 1e-6, $"difference {difference}");
    }

    [TestMethod]
    public void BothGraphBranchesOff_IsExactlyEncoderPlusClassifier()
    {
        var config = NetTestData.Config() with { UseGfpBranch = false, UseSpeakerGraph = false };
        using var network = NetTestData.Network(config);
        network.eval();
        var items = NetTestData.RandomItems(6, 5, 3);
        using var batch = BatchBuilder.Build(items, config, torch.CPU);

        var roots = network.named_children().Select(c => c.name).ToArray();
        var logits = NetTestData.Values(network.call(batch));

        CollectionAssert.AreEquivalent(new[] { "encoder", "classifier" }, roots);
        Assert.IsNull(batch.PropagationIndex);
        Assert.IsNull(batch.SpeakerNeighbours);
        var encoder = (ContextEncoder)network.named_children().Single(c => c.name == "encoder").module;
        var classifier = (MlpClassifier)network.named_children().Single(c => c.name == "classifier").module;
        using var padded = encoder.call(batch.Features, batch.LengthTensor, batch.Mask, batch.Speakers);
        using var h = padded.reshape(-1, 8).index_select(0, batch.NodeIndex);
        CollectionAssert.AreEqual(NetTestData.Values(classifier.call(h)), logits);
    }

    [TestMethod]
    public void DefaultNetwork_WeightNames_AreStable()
    {
        using var network = NetTestData.Network(NetTestData.Config());

        var names = network.state_dict().Keys.Where(k => !k.StartsWith("encoder.lstms.", StringComparison.Ordinal)).ToArray();

        string[] expected =
        [
            "encoder.projections.0.proj.weight", "encoder.projections.0.proj.bias",
            "encoder.projections.1.proj.weight", "encoder.projections.1.proj.bias",
            "encoder.projections.2.proj.weight", "encoder.projections.2.proj.bias",
            "encoder.output.weight", "encoder.output.bias",
            "speakerGraph.attention.weight", "speakerGraph.relational.weight", "speakerGraph.root.weight", "speakerGraph.root.bias",
            "speakerGraph.neighbour.weight", "speakerGraph.selfLoop.weight", "speakerGraph.selfLoop.bias",
            "relationOperator.query.weight", "relationOperator.key.weight", "relationOperator.value.weight",
            "relationOperator.output.weight", "relationOperator.output.bias",
            "denoiseContext.gate.weight", "denoiseContext.gate.bias", "denoiseContext.filter.weight", "denoiseContext.filter.bias",
            "denoiseSpeaker.gate.weight", "denoiseSpeaker.gate.bias", "denoiseSpeaker.filter.weight", "denoiseSpeaker.filter.bias",
            "denoiseLatent.gate.weight", "denoiseLatent.gate.bias", "denoiseLatent.filter.weight", "denoiseLatent.filter.bias",
            "earlyFusion.fuse.weight", "earlyFusion.fuse.bias",
            "lateFusion.score.weight", "lateFusion.score.bias", "lateFusion.context.weight",
            "classifier.hidden.weight", "classifier.hidden.bias", "classifier.output.weight", "classifier.output.bias",
        ];
        CollectionAssert.AreEquivalent(expected, names);
        Assert.AreEqual(3 * 8, network.state_dict().Keys.Count(k => k.StartsWith("encoder.lstms.", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow(true, false, true, true, true)]
    [DataRow(false, true, true, true, true)]
    [DataRow(true, true, false, true, true)]
    [DataRow(true, true, true, false, true)]
    [DataRow(true, true, true, true, false)]
    public void AblationSwitches_BuildAndScoreEveryNode(bool gfp, bool speaker, bool early, bool late, bool denoise)
    {
        var config = NetTestData.Config() with
        {
            UseGfpBranch = gfp, UseSpeakerGraph = speaker, UseEarlyFusion = early, UseLateFusion = late, UseDenoise = denoise,
        };
        using var network = NetTestData.Network(config);
        var items = NetTestData.RandomItems(2, 4, 6);
        using var batch = BatchBuilder.Build(items, config, torch.CPU);

        using var logits = network.call(batch);

        CollectionAssert.AreEqual(new long[] { 10, 3 }, logits.shape);
        Assert.IsTrue(NetTestData.Values(logits).All(float.IsFinite));
        var roots = network.named_children().Select(c => c.name).ToHashSet();
        Assert.AreEqual(gfp, roots.Contains("relationOperator"));
        Assert.AreEqual(speaker, roots.Contains("speakerGraph"));
        Assert.AreEqual(early, roots.Contains("earlyFusion"));
        Assert.AreEqual(late, roots.Contains("lateFusion"));
        Assert.AreEqual(denoise, roots.Contains("denoiseContext"));
    }
}
