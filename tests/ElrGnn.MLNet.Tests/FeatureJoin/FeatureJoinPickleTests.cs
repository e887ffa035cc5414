using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Data.Pickle;
using ElrGnn.MLNet.Tests.Pickle;
using ElrGnn.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.FeatureJoin;

/// <summary>Joining the shared sample community pickle onto a small utterance table built here.</summary>
[TestClass]
public sealed class FeatureJoinPickleTests
{
    private static string SamplePath => PickleSamples.PicklePath(PickleSamples.Iemocap);

    private static List<UtteranceKeyRow> Utterances() =>
    [
        new() { DialogueId = "Ses05F_impro03", Turn = 1, Speaker = "M" },
        new() { DialogueId = "Ses01F_impro01", Turn = 0, Speaker = "F" },
        new() { DialogueId = "Ses02M_script01_1", Turn = 3, Speaker = "F" },
        new() { DialogueId = "Ses01F_impro01", Turn = 2, Speaker = "F" },
    ];

    [TestMethod]
    public void Transform_FromCommunityPickle_MatchesThePicklesOwnArrays()
    {
        var ml = new MLContext(seed: 1);
        var pickle = CommunityFeatureFile.Load(SamplePath);
        var utterances = Utterances();
        var input = ml.Data.LoadFromEnumerable(utterances);

        var output = ml.Transforms.LoadConversationFeatures(new FeatureJoinOptions { SourcePath = SamplePath }).Fit(input).Transform(input);

        var text = output.GetColumn<float[]>(ConversationColumns.Text).ToList();
        var audio = output.GetColumn<float[]>(ConversationColumns.Audio).ToList();
        var visual = output.GetColumn<float[]>(ConversationColumns.Visual).ToList();
        for (int i = 0; i < utterances.Count; i++)
        {
            var dialogue = pickle.FindDialogue(utterances[i].DialogueId)!;
            int turn = utterances[i].Turn;
            CollectionAssert.AreEqual(dialogue.Text![turn], text[i], $"Text row {i}");
            CollectionAssert.AreEqual(dialogue.Audio![turn], audio[i], $"Audio row {i}");
            CollectionAssert.AreEqual(dialogue.Visual![turn], visual[i], $"Visual row {i}");
        }
        Assert.HasCount(pickle.AudioSize, audio[0]);
        // Different turns of one dialogue get different vectors (the turn is really part of the key).
        CollectionAssert.AreNotEqual(text[1], text[3]);
    }

    [TestMethod]
    public void Transform_WithOneRenamedModality_AppendsOnlyThatColumn()
    {
        var ml = new MLContext(seed: 1);
        var input = ml.Data.LoadFromEnumerable(Utterances());
        var options = new FeatureJoinOptions { SourcePath = SamplePath, Columns = [new("AcousticFeatures", "audio")] };

        var schema = ml.Transforms.LoadConversationFeatures(options).Fit(input).Transform(input).Schema;

        Assert.IsNotNull(schema.GetColumnOrNull("AcousticFeatures"));
        Assert.IsNull(schema.GetColumnOrNull(ConversationColumns.Text));
    }

    [TestMethod]
    public void Fit_WithUnknownPickleModality_ThrowsListingTextAudioVisual()
    {
        var ml = new MLContext(seed: 1);
        var input = ml.Data.LoadFromEnumerable(Utterances());
        var options = new FeatureJoinOptions { SourcePath = SamplePath, Columns = [new("Video")] };

        var e = Assert.ThrowsExactly<ConversationDataException>(() => ml.Transforms.LoadConversationFeatures(options).Fit(input));

        Assert.AreEqual("Video", e.Column);
        StringAssert.Contains(e.Message, "'Visual'");
    }

    [TestMethod]
    public void Transform_WithTurnBeyondDialogue_ThrowsNamingConversationAndTurn()
    {
        var ml = new MLContext(seed: 1);
        var input = ml.Data.LoadFromEnumerable(new[] { new UtteranceKeyRow { DialogueId = "Ses05F_impro03", Turn = 2, Speaker = "F" } });
        var output = ml.Transforms.LoadConversationFeatures(new FeatureJoinOptions { SourcePath = SamplePath }).Fit(input).Transform(input);

        var e = Assert.ThrowsExactly<ConversationDataException>(() => output.GetColumn<float[]>(ConversationColumns.Text).ToList());

        Assert.AreEqual("Ses05F_impro03", e.ConversationId);
        Assert.AreEqual(2, e.Turn);
        StringAssert.Contains(e.Message, "iemocap_like_small.pkl");
    }
}
