using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Data.Pickle;
using static ElrGnn.MLNet.Tests.Pickle.CommunityGraphs;

namespace ElrGnn.MLNet.Tests.Pickle;

/// <summary>Layouts, dialogues and splits of the community feature files.</summary>
[TestClass]
public sealed class CommunityFeatureFileTests
{
    [TestMethod]
    public void Load_IemocapSample_ReadsDialoguesInFileOrder()
    {
        var file = CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.Iemocap));

        Assert.AreEqual(CommunityFeatureLayout.IemocapFeatures, file.Layout);
        CollectionAssert.AreEqual(new[] { "Ses01F_impro01", "Ses02M_script01_1", "Ses05F_impro03" }, file.Dialogues.Select(d => d.Id).ToArray());
        var d = file.FindDialogue("Ses02M_script01_1")!;
        CollectionAssert.AreEqual(new[] { "M", "F", "M", "F" }, d.Speakers);
        CollectionAssert.AreEqual(new[] { 4, 3, 1, 2 }, d.Labels);
        Assert.AreEqual("Ses02M_script01_1_F001", d.UtteranceIds![3]);
        Assert.AreEqual("Non-ASCII check: caf\u00e9 \u2019quoted\u2019 \u2014 done.", d.Sentences![1]);
        Assert.AreEqual((100, 1582, 342), (file.TextSize, file.AudioSize, file.VisualSize));
        Assert.AreEqual(-2.7088818550109863f, d.Audio![3][0]);
        Assert.IsNull(d.SentimentLabels);
        CollectionAssert.AreEqual(new[] { "hap", "sad", "neu", "ang", "exc", "fru" }, file.LabelNames.ToArray());
    }

    [TestMethod]
    public void Load_IemocapDefaultFraction_TakesFloorOfTenPercentFromTrainStart()
    {
        var file = CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.Iemocap));

        // floor(0.1 × 2) = 0: no validation dialogue.
        CollectionAssert.AreEqual(new[] { "Ses01F_impro01", "Ses02M_script01_1" }, file.TrainIds.ToArray());
        Assert.IsEmpty(file.ValidIds);
        CollectionAssert.AreEqual(new[] { "Ses05F_impro03" }, file.TestIds.ToArray());
    }

    [TestMethod]
    public void Load_IemocapHalfValidFraction_ValidIsFirstTrainId()
    {
        var file = CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.Iemocap), new() { ValidFraction = 0.5 });

        CollectionAssert.AreEqual(new[] { "Ses01F_impro01" }, file.ValidIds.ToArray());
        CollectionAssert.AreEqual(new[] { "Ses02M_script01_1" }, file.TrainIds.ToArray());
    }

    [TestMethod]
    public void Load_Py2StyleSample_ConvertsFloat64ToNearestFloat32()
    {
        var file = CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.IemocapPy2));

        Assert.AreEqual(CommunityFeatureLayout.IemocapFeatures, file.Layout);
        Assert.AreEqual((float)1.8875126210048965, file.FindDialogue("Ses01F_impro01")!.Text![0][0]);
    }

    [TestMethod]
    public void Load_MeldSample_MapsOneHotSpeakersAndDevSplit()
    {
        var file = CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.Meld));

        Assert.AreEqual(CommunityFeatureLayout.MeldFeaturesRaw1, file.Layout);
        CollectionAssert.AreEqual(new[] { "0", "1039", "1153" }, file.Dialogues.Select(d => d.Id).ToArray());
        var d = file.FindDialogue("1039")!;
        CollectionAssert.AreEqual(new[] { "speaker0", "speaker1", "speaker2", "speaker0" }, d.Speakers);
        CollectionAssert.AreEqual(new[] { 6, 3, 0, 2 }, d.Labels);
        CollectionAssert.AreEqual(new[] { 2, 2, 0, 2 }, d.SentimentLabels);
        CollectionAssert.AreEqual(new[] { "0", "1", "2", "3" }, d.UtteranceIds);
        Assert.AreEqual((600, 300, 342), (file.TextSize, file.AudioSize, file.VisualSize));
        CollectionAssert.AreEqual(new[] { "0" }, file.TrainIds.ToArray());
        CollectionAssert.AreEqual(new[] { "1039" }, file.ValidIds.ToArray());
        CollectionAssert.AreEqual(new[] { "1153" }, file.TestIds.ToArray());
    }

    [TestMethod]
    public void Load_MeldWithoutDevSplit_UsesValidFraction()
    {
        var file = CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.Meld), new() { MeldDevAsValidation = false, ValidFraction = 0.5 });

        CollectionAssert.AreEqual(new[] { "0" }, file.ValidIds.ToArray());
        CollectionAssert.AreEqual(new[] { "1039" }, file.TrainIds.ToArray());
    }

    [TestMethod]
    [DataRow(RobertaTextMode.Average, new[] { 26f, -2.5f })] // (11+21+31+41)/4, (-1-2-3-4)/4
    [DataRow(RobertaTextMode.LastLayer, new[] { 11f, -1f })]
    [DataRow(RobertaTextMode.Concatenate, new[] { 11f, -1f, 21f, -2f, 31f, -3f, 41f, -4f })]
    public void FromObject_CosmicIemocap_CombinesRobertaLayersAndKeepsSplits(RobertaTextMode mode, float[] expectedTurn1)
    {
        var file = CommunityFeatureFile.FromObject(IemocapRoberta(), new() { RobertaText = mode });

        Assert.AreEqual(CommunityFeatureLayout.IemocapRoberta, file.Layout);
        CollectionAssert.AreEqual(expectedTurn1, file.FindDialogue("d1")!.Text![1]);
        Assert.AreEqual((expectedTurn1.Length, 0, 0), (file.TextSize, file.AudioSize, file.VisualSize));
        Assert.IsNull(file.FindDialogue("d1")!.Audio);
        CollectionAssert.AreEqual(new[] { "d1" }, file.TrainIds.ToArray());
        CollectionAssert.AreEqual(new[] { "d3" }, file.ValidIds.ToArray());
        CollectionAssert.AreEqual(new[] { "d2" }, file.TestIds.ToArray());
    }

    [TestMethod]
    public void FromObject_CosmicMeld_ReadsElevenElementLayout()
    {
        var file = CommunityFeatureFile.FromObject(MeldRoberta());

        Assert.AreEqual(CommunityFeatureLayout.MeldRoberta, file.Layout);
        CollectionAssert.AreEqual(new[] { "speaker0", "speaker1" }, file.FindDialogue("7")!.Speakers);
        CollectionAssert.AreEqual(new[] { 2, 0 }, file.FindDialogue("7")!.SentimentLabels);
        CollectionAssert.AreEqual(new[] { "1040" }, file.ValidIds.ToArray());
        CollectionAssert.AreEqual(new[] { "anger", "neutral" }, file.FindDialogue("7")!.Labels.Select(l => file.LabelNames[l]).ToArray());
    }

    [TestMethod]
    public void FromObject_OlderMeldRaw_DetectedByOneHotSpeakersAndHasNoVisual()
    {
        var file = CommunityFeatureFile.FromObject(MeldRaw());

        Assert.AreEqual(CommunityFeatureLayout.MeldFeaturesRaw, file.Layout);
        Assert.AreEqual((3, 1, 0), (file.TextSize, file.AudioSize, file.VisualSize));
        CollectionAssert.AreEqual(new[] { 0, 2 }, file.FindDialogue("3")!.SentimentLabels);
        CollectionAssert.AreEqual(new[] { "3" }, file.TrainIds.ToArray());
        CollectionAssert.AreEqual(new[] { "1039" }, file.ValidIds.ToArray());
    }

    [TestMethod]
    public void Load_EightElementList_ThrowsNamingTheCount()
    {
        var builder = new PickleBytes().Proto(2).Op(']').Op('(');
        for (int i = 0; i < 8; i++)
            builder.Op('}');
        var pickle = builder.Op('e').Stop().ToArray();

        var ex = Assert.ThrowsExactly<ConversationDataException>(() => CommunityFeatureFile.Load(new MemoryStream(pickle)));

        StringAssert.Contains(ex.Message, "has 8 elements");
    }

    [TestMethod]
    public void FromObject_ExplicitLayoutWithOtherCount_Throws()
    {
        var ex = Assert.ThrowsExactly<ConversationDataException>(() =>
            CommunityFeatureFile.FromObject(PickleSamples.Load(PickleSamples.Iemocap), new() { Layout = CommunityFeatureLayout.MeldRoberta }));

        StringAssert.Contains(ex.Message, "has 11 elements");
    }

    [TestMethod]
    public void FromObject_TopLevelDict_ThrowsUnknownLayout()
    {
        var ex = Assert.ThrowsExactly<ConversationDataException>(() => CommunityFeatureFile.FromObject(D(("a", 1L))));

        StringAssert.Contains(ex.Message, "Unknown community feature file layout");
    }

    [TestMethod]
    public void FromObject_PerDialogueListsOfDifferentLength_NamesElementAndDialogue()
    {
        var root = PickleSamples.Load(PickleSamples.Iemocap);
        ((List<object?>)((Dictionary<object, object?>)root[2]!)["Ses02M_script01_1"]!).RemoveAt(0);

        var ex = Assert.ThrowsExactly<ConversationDataException>(() => CommunityFeatureFile.FromObject(root));

        Assert.AreEqual("videoLabels (element 2)", ex.Column);
        Assert.AreEqual("Ses02M_script01_1", ex.ConversationId);
        StringAssert.Contains(ex.Message, "has 3 entries");
    }

    [TestMethod]
    public void FromObject_VectorsOfVaryingSize_NamesElementDialogueAndTurn()
    {
        var root = PickleSamples.Load(PickleSamples.Iemocap);
        ((List<object?>)((Dictionary<object, object?>)root[3]!)["Ses02M_script01_1"]!)[2] = V(1, 2, 3);

        var ex = Assert.ThrowsExactly<ConversationDataException>(() => CommunityFeatureFile.FromObject(root));

        Assert.AreEqual("videoText (element 3)", ex.Column);
        Assert.AreEqual("Ses02M_script01_1", ex.ConversationId);
        Assert.AreEqual(2, ex.Turn);
    }

    [TestMethod]
    public void FromObject_DialogueMissingFromOneElement_NamesIt()
    {
        var root = PickleSamples.Load(PickleSamples.Meld);
        ((Dictionary<object, object?>)root[4]!).Remove(1039L);

        var ex = Assert.ThrowsExactly<ConversationDataException>(() => CommunityFeatureFile.FromObject(root));

        Assert.AreEqual("videoAudio (element 4)", ex.Column);
        Assert.AreEqual("1039", ex.ConversationId);
    }

    [TestMethod]
    public void FromObject_SplitWithUnknownOrRepeatedDialogue_Throws()
    {
        var unknown = PickleSamples.Load(PickleSamples.Iemocap);
        ((List<object?>)unknown[8]!).Add("Ses09X_none");
        var repeated = PickleSamples.Load(PickleSamples.Iemocap);
        ((List<object?>)repeated[8]!).Add("Ses01F_impro01");

        var ex1 = Assert.ThrowsExactly<ConversationDataException>(() => CommunityFeatureFile.FromObject(unknown));
        var ex2 = Assert.ThrowsExactly<ConversationDataException>(() => CommunityFeatureFile.FromObject(repeated));

        Assert.AreEqual(("testVid (element 8)", "Ses09X_none"), (ex1.Column, ex1.ConversationId));
        StringAssert.Contains(ex2.Message, "also in trainVid");
    }

    [TestMethod]
    public void FromObject_LabelOutsideClasses_NamesTurn()
    {
        var root = PickleSamples.Load(PickleSamples.Iemocap);
        ((List<object?>)((Dictionary<object, object?>)root[2]!)["Ses05F_impro03"]!)[1] = 6L;

        var ex = Assert.ThrowsExactly<ConversationDataException>(() => CommunityFeatureFile.FromObject(root));

        Assert.AreEqual(("Ses05F_impro03", 1), (ex.ConversationId, ex.Turn));
    }

    [TestMethod]
    public void FromObject_MeldSpeakerNotOneHot_Throws()
    {
        var root = PickleSamples.Load(PickleSamples.Meld);
        ((List<object?>)((Dictionary<object, object?>)root[1]!)[0L]!)[2] = L(1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);

        var ex = Assert.ThrowsExactly<ConversationDataException>(() => CommunityFeatureFile.FromObject(root));

        Assert.AreEqual(("videoSpeakers (element 1)", "0", 2), (ex.Column, ex.ConversationId, ex.Turn));
    }

    [TestMethod]
    public void WithTextFrom_SameDialogues_ReplacesOnlyText()
    {
        var audioVisual = CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.Iemocap));
        var text = CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.IemocapPy2));

        var combined = audioVisual.WithTextFrom(text);

        var d = combined.FindDialogue("Ses01F_impro01")!;
        Assert.AreSame(text.FindDialogue("Ses01F_impro01")!.Text, d.Text);
        Assert.AreSame(audioVisual.FindDialogue("Ses01F_impro01")!.Audio, d.Audio);
        CollectionAssert.AreEqual(audioVisual.TrainIds.ToArray(), combined.TrainIds.ToArray());
    }

    [TestMethod]
    public void WithTextFrom_MissingDialogue_Throws()
    {
        var iemocap = CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.Iemocap));
        var meld = CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.Meld));

        var ex = Assert.ThrowsExactly<ConversationDataException>(() => iemocap.WithTextFrom(meld));

        Assert.AreEqual("Ses01F_impro01", ex.ConversationId);
    }

    [TestMethod]
    public void Load_ValidFractionOutOfRange_Throws()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            CommunityFeatureFile.Load(PickleSamples.PicklePath(PickleSamples.Iemocap), new() { ValidFraction = 1 }));
    }
}
