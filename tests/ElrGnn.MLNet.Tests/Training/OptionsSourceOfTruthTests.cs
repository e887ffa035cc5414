using System.Reflection;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Training;

namespace ElrGnn.MLNet.Tests.Training;

/// <summary>Issue 12 item 5: one rule per check, messages that name class and option, and real value equality.</summary>
[TestClass]
public sealed class OptionsSourceOfTruthTests
{
    [TestMethod]
    public void OptionsValidate_BadDropout_MessageNamesClassAndOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(new ElrGnnTrainer.Options { Dropout = 1 }.Validate);

        Assert.AreEqual(nameof(ElrGnnTrainer.Options.Dropout), e.ParamName);
        Assert.Contains("ElrGnnTrainer.Options.Dropout must be in [0, 1)", e.Message);
    }

    [TestMethod]
    public void NetworkConfigValidate_BadDropout_SameRuleNamesNetworkConfig()
    {
        var config = new NetworkConfig { ModalityDimensions = [4], ClassCount = 2, Dropout = 1 };

        var e = Assert.Throws<ArgumentOutOfRangeException>(config.Validate);

        Assert.AreEqual(nameof(NetworkConfig.Dropout), e.ParamName);
        Assert.Contains("NetworkConfig.Dropout must be in [0, 1)", e.Message);
    }

    [TestMethod]
    [DataRow(nameof(NetworkConfig.LstmLayers), 9)]
    [DataRow(nameof(NetworkConfig.SpeakerGraphLayers), 17)]
    [DataRow(nameof(NetworkConfig.Heads), 3)]
    [DataRow(nameof(NetworkConfig.HiddenSize), 255)]
    public void SharedShapeRule_BadValue_RejectedByOptionsAndNetworkConfigAlike(string option, int value)
    {
        var options = new ElrGnnTrainer.Options();
        typeof(ElrGnnTrainer.Options).GetField(option)!.SetValue(options, value);
        var config = new NetworkConfig { ModalityDimensions = [4], ClassCount = 2 };
        var property = typeof(NetworkConfig).GetProperty(option)!;
        property.SetValue(config, value);

        var fromOptions = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        var fromConfig = Assert.Throws<ArgumentOutOfRangeException>(config.Validate);

        Assert.AreEqual(option, fromOptions.ParamName);
        Assert.AreEqual(option, fromConfig.ParamName);
        Assert.AreEqual(fromOptions.Message.Replace("ElrGnnTrainer.Options.", "NetworkConfig.", StringComparison.Ordinal), fromConfig.Message,
            "one rule, one wording");
    }

    [TestMethod]
    public void NetworkConfigEquals_SameValuesInOtherArrays_EqualWithEqualHash()
    {
        var a = new NetworkConfig { ModalityDimensions = [8, 4], ClassCount = 3 };
        var b = new NetworkConfig { ModalityDimensions = new List<int> { 8, 4 }, ClassCount = 3 };

        Assert.AreEqual(a, b);
        Assert.AreEqual(a.GetHashCode(), b.GetHashCode());
    }

    public static IEnumerable<object[]> Properties =>
        typeof(NetworkConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.Name != "EqualityContract")
            .Select(p => new object[] { p.Name });

    [TestMethod]
    [DynamicData(nameof(Properties))]
    public void NetworkConfigEquals_AnyPropertyChanged_NotEqual(string name)
    {
        var a = new NetworkConfig { ModalityDimensions = [8, 4], ClassCount = 3, SpeakerEmbeddings = 2 };
        var b = a with { };
        var property = typeof(NetworkConfig).GetProperty(name)!;
        property.SetValue(b, Changed(property.GetValue(a)!));

        Assert.AreNotEqual(a, b, $"{name} must take part in equality");
        Assert.AreNotEqual(a.GetHashCode(), b.GetHashCode(), $"{name} must take part in the hash");
    }

    [TestMethod]
    public void SpeakerAndHopOrderWindows_AreSeparateOptions_WithDocumentedDefaults()
    {
        var trainer = new ElrGnnTrainer.Options { SpeakerGraphPastWindow = 3 };
        var graph = new ConversationGraphOptions();

        Assert.AreEqual((3, 10), (trainer.SpeakerGraphPastWindow, trainer.SpeakerGraphFutureWindow));
        Assert.AreEqual((10, 10), (graph.HopOrderPastWindow, graph.HopOrderFutureWindow), "changing the speaker window leaves option B's alone");
        Assert.AreEqual((10, 10), (GraphDefaults.SpeakerGraphPastWindow, GraphDefaults.SpeakerGraphFutureWindow));
    }

    private static object Changed(object value) => value switch
    {
        IReadOnlyList<int> dims => dims.Append(2).ToArray(),
        int i => i + 2,
        double d => d / 2 + 0.01,
        bool b => !b,
        ContextEncoderKind k => k == ContextEncoderKind.PerModality ? ContextEncoderKind.Transformer : ContextEncoderKind.PerModality,
        LatentOperatorKind k => k == LatentOperatorKind.RelationAware ? LatentOperatorKind.PlainPropagation : LatentOperatorKind.RelationAware,
        LateFusionKind k => k == LateFusionKind.Representation ? LateFusionKind.Logit : LateFusionKind.Representation,
        _ => throw new AssertFailedException($"no change defined for {value.GetType().Name}"),
    };
}
