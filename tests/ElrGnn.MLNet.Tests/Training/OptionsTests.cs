using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Training;

namespace ElrGnn.MLNet.Tests.Training;

[TestClass]
public sealed class OptionsTests
{
    [TestMethod]
    public void Defaults_FollowSpecIemocapColumn_AndValidate()
    {
        var o = new ElrGnnTrainer.Options();

        o.Validate();
        CollectionAssert.AreEqual(new[] { "Text", "Audio", "Visual" }, o.FeatureColumnNames);
        Assert.AreEqual(1e-4, o.LearningRate);
        Assert.AreEqual(3e-5, o.WeightDecay);
        Assert.AreEqual(0.5, o.Dropout);
        Assert.AreEqual(16, o.BatchSize);
        Assert.AreEqual(60, o.MaxEpochs);
        Assert.AreEqual(256, o.HiddenSize);
        Assert.AreEqual(256, o.ModelSize);
        Assert.AreEqual(10, o.SpeakerGraphPastWindow);
        Assert.AreEqual(0.5, o.DropNode);
        Assert.IsTrue(o.UseClassWeights);
        Assert.AreEqual(0.0, o.GradientClip);
        Assert.IsNull(o.Seed);
        Assert.AreEqual("cpu", o.Device);
        Assert.AreEqual(ContextEncoderKind.PerModality, o.ContextEncoder);
        Assert.IsNull(o.CheckpointDirectory);
    }

    [TestMethod]
    public void TextPresets_ChangeOnlyTheTextRecipeValues_AndValidate()
    {
        var iemocap = ElrGnnTrainer.Options.ForIemocapText();
        var meld = ElrGnnTrainer.Options.ForMeldText();

        iemocap.Validate();
        meld.Validate();
        Assert.AreEqual((1e-3, 128, 8, 80, 20), (iemocap.LearningRate, iemocap.ModelSize, iemocap.BatchSize, iemocap.MaxEpochs, iemocap.EarlyStoppingPatience));
        Assert.AreEqual((1e-3, 128), (meld.LearningRate, meld.ModelSize));
        var paperMeld = ElrGnnTrainer.Options.ForMeld();
        Assert.AreEqual((paperMeld.Dropout, paperMeld.BatchSize, paperMeld.MaxEpochs, paperMeld.UseClassWeights),
            (meld.Dropout, meld.BatchSize, meld.MaxEpochs, meld.UseClassWeights), "the rest of the MELD preset stays");
        var paper = ElrGnnTrainer.Options.ForIemocap();
        Assert.AreEqual((paper.HiddenSize, paper.Dropout, paper.WeightDecay, paper.UseClassWeights),
            (iemocap.HiddenSize, iemocap.Dropout, iemocap.WeightDecay, iemocap.UseClassWeights));
    }

    [TestMethod]
    public void ForMeld_ChangesOnlyTheMeldValues()
    {
        var o = ElrGnnTrainer.Options.ForMeld();

        Assert.AreEqual(0.4, o.Dropout);
        Assert.AreEqual(1e-5, o.WeightDecay);
        Assert.AreEqual(30, o.MaxEpochs);
        Assert.IsFalse(o.UseClassWeights);
        Assert.AreEqual(1e-4, o.LearningRate);
        o.Validate();
    }

    [TestMethod]
    [DataRow(nameof(ElrGnnTrainer.Options.LearningRate))]
    [DataRow(nameof(ElrGnnTrainer.Options.WeightDecay))]
    [DataRow(nameof(ElrGnnTrainer.Options.Dropout))]
    [DataRow(nameof(ElrGnnTrainer.Options.BatchSize))]
    [DataRow(nameof(ElrGnnTrainer.Options.MaxEpochs))]
    [DataRow(nameof(ElrGnnTrainer.Options.HiddenSize))]
    [DataRow(nameof(ElrGnnTrainer.Options.ModelSize))]
    [DataRow(nameof(ElrGnnTrainer.Options.LstmLayers))]
    [DataRow(nameof(ElrGnnTrainer.Options.SpeakerGraphPastWindow))]
    [DataRow(nameof(ElrGnnTrainer.Options.SpeakerGraphFutureWindow))]
    [DataRow(nameof(ElrGnnTrainer.Options.DropNode))]
    [DataRow(nameof(ElrGnnTrainer.Options.GradientClip))]
    [DataRow(nameof(ElrGnnTrainer.Options.EarlyStoppingPatience))]
    [DataRow(nameof(ElrGnnTrainer.Options.ValidationFraction))]
    [DataRow(nameof(ElrGnnTrainer.Options.Heads))]
    [DataRow(nameof(ElrGnnTrainer.Options.TransformerHeads))]
    [DataRow(nameof(ElrGnnTrainer.Options.ContextEncoder))]
    [DataRow(nameof(ElrGnnTrainer.Options.FeatureColumnNames))]
    [DataRow(nameof(ElrGnnTrainer.Options.LabelColumnName))]
    [DataRow(nameof(ElrGnnTrainer.Options.SpeakerColumnName))]
    [DataRow(nameof(ElrGnnTrainer.Options.Device))]
    [DataRow(nameof(ElrGnnTrainer.Options.CheckpointDirectory))]
    [DataRow(nameof(ElrGnnTrainer.Options.MaxSpeakers))]
    [DataRow(nameof(ElrGnnTrainer.Options.ConsistencySamples))]
    [DataRow(nameof(ElrGnnTrainer.Options.ConsistencyTemperature))]
    public void Validate_BadValue_NamesTheOption(string option)
    {
        var o = new ElrGnnTrainer.Options();
        switch (option)
        {
            case nameof(o.LearningRate): o.LearningRate = 0; break;
            case nameof(o.WeightDecay): o.WeightDecay = -1e-3; break;
            case nameof(o.Dropout): o.Dropout = 1; break;
            case nameof(o.BatchSize): o.BatchSize = 0; break;
            case nameof(o.MaxEpochs): o.MaxEpochs = 0; break;
            case nameof(o.HiddenSize): o.HiddenSize = 255; break;
            case nameof(o.ModelSize): o.ModelSize = 0; break;
            case nameof(o.LstmLayers): o.LstmLayers = 0; break;
            case nameof(o.SpeakerGraphPastWindow): o.SpeakerGraphPastWindow = -1; break;
            case nameof(o.SpeakerGraphFutureWindow): o.SpeakerGraphFutureWindow = -1; break;
            case nameof(o.DropNode): o.DropNode = 1.5; break;
            case nameof(o.GradientClip): o.GradientClip = -1; break;
            case nameof(o.EarlyStoppingPatience): o.EarlyStoppingPatience = -1; break;
            case nameof(o.ValidationFraction): o.ValidationFraction = 1; break;
            case nameof(o.Heads): o.Heads = 3; break;
            case nameof(o.TransformerHeads): o.TransformerHeads = 3; break;
            case nameof(o.ContextEncoder): o.ContextEncoder = (ContextEncoderKind)42; break;
            case nameof(o.FeatureColumnNames): o.FeatureColumnNames = ["Text", "Text"]; break;
            case nameof(o.LabelColumnName): o.LabelColumnName = ""; break;
            case nameof(o.SpeakerColumnName): o.SpeakerColumnName = " "; break;
            case nameof(o.Device): o.Device = ""; break;
            case nameof(o.CheckpointDirectory): o.CheckpointDirectory = ""; break;
            case nameof(o.MaxSpeakers): o.MaxSpeakers = 0; break;
            case nameof(o.ConsistencySamples): o.ConsistencySamples = 0; break;
            case nameof(o.ConsistencyTemperature): o.ConsistencyTemperature = 0; break;
            default: Assert.Fail("unknown option " + option); break;
        }

        var e = Assert.Throws<ArgumentException>(o.Validate);

        Assert.AreEqual(option, e.ParamName);
        Assert.Contains(option, e.Message);
    }

    [TestMethod]
    public void NetworkConfig_FromOptions_CopiesShapesAndSwitches()
    {
        var o = new ElrGnnTrainer.Options { HiddenSize = 32, ModelSize = 16, UseGfpBranch = false, LateFusion = LateFusionKind.Logit };

        var config = NetworkConfig.FromOptions(o, [10, 4], 5);

        Assert.AreEqual(32, config.HiddenSize);
        Assert.AreEqual(16, config.ModelSize);
        Assert.AreEqual(5, config.ClassCount);
        Assert.IsFalse(config.UseGfpBranch);
        Assert.AreEqual(LateFusionKind.Logit, config.LateFusion);
        CollectionAssert.AreEqual(new[] { 10, 4 }, config.ModalityDimensions.ToArray());
    }

    [TestMethod]
    public void HoldOutFirst_TakesLeadingShare()
    {
        var (train, valid) = TrainingSplit.HoldOutFirst(Enumerable.Range(0, 25).ToArray(), 0.1);

        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, valid);
        Assert.HasCount(22, train);
        Assert.AreEqual(3, train[0]);
    }
}
