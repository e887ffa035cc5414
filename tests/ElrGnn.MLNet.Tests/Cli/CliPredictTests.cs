using System.Text.Json;
using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Tests.Cli;

[TestClass]
public sealed class CliPredictTests
{
    private static TrainedCliRun Run => TrainedCliRun.Instance;

    [TestMethod]
    public void Predict_JsonWithFeatureVectors_GivesProbabilitiesForEveryTurn()
    {
        var conversations = TrainedCliRun.TestConversations(2);
        var input = TrainedCliRun.WriteJsonInput(conversations.SelectMany(c => c));

        var result = CliRunner.Run(["predict", "--model", Run.ModelPath, "--input", input, "--json"]).Succeeded();

        using var json = JsonDocument.Parse(result.Stdout);
        var labels = json.RootElement.GetProperty("labels").EnumerateArray().Select(e => e.GetString()!).ToArray();
        CollectionAssert.AreEqual(new[] { "c0", "c1", "c2", "c3", "c4", "c5" }, labels);
        var output = json.RootElement.GetProperty("conversations").EnumerateArray().ToArray();
        Assert.HasCount(2, output);
        for (int c = 0; c < 2; c++)
        {
            Assert.AreEqual(conversations[c][0].DialogueId, output[c].GetProperty("dialogue_id").GetString());
            var turns = output[c].GetProperty("utterances").EnumerateArray().ToArray();
            Assert.HasCount(conversations[c].Count, turns);
            for (int t = 0; t < turns.Length; t++)
            {
                Assert.AreEqual(t, turns[t].GetProperty("turn").GetInt32());
                Assert.AreEqual(conversations[c][t].Speaker, turns[t].GetProperty("speaker").GetString());
                var p = turns[t].GetProperty("probabilities").EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetDouble());
                CollectionAssert.AreEquivalent(labels, p.Keys.ToArray());
                Assert.AreEqual(1.0, p.Values.Sum(), 1e-4);
                Assert.AreEqual(p.MaxBy(x => x.Value).Key, turns[t].GetProperty("emotion").GetString());
            }
        }
    }

    [TestMethod]
    public void Predict_WithoutJson_PrintsATablePerConversation()
    {
        var conversations = TrainedCliRun.TestConversations(2);
        var input = TrainedCliRun.WriteJsonInput(conversations.SelectMany(c => c));

        var result = CliRunner.Run(["predict", "--model", Run.ModelPath, "--input", input]).Succeeded();

        StringAssert.StartsWith(result.Stdout, "Data: ");
        foreach (var conversation in conversations)
            StringAssert.Contains(result.Stdout, $"{conversation[0].DialogueId} ({conversation.Count} turns)");
        StringAssert.Contains(result.Stdout, "emotion");
    }

    [TestMethod]
    public void Predict_CsvTextOnlyOnAFeatureModel_ExitsOneNamingTheMissingVectors()
    {
        var csv = Path.Combine(TestPaths.NewTempDir(), "talk.csv");
        File.WriteAllText(csv, "dialogue_id,turn,speaker,text\r\nx,0,A,I am so glad you came\r\nx,1,B,\"Well, I had to\"\r\n");

        var result = CliRunner.Run(["predict", "--model", Run.ModelPath, "--input", csv]);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stderr, "'Text' vectors of 32 floats");
        StringAssert.Contains(result.Stderr, "\"features\"");
    }

    [TestMethod]
    public void Predict_JsonWithWrongVectorLength_ExitsOneNamingDialogueAndTurn()
    {
        var rows = TrainedCliRun.TestConversations(1)[0];
        rows[1].Audio = [1f, 2f];
        var input = TrainedCliRun.WriteJsonInput(rows);

        var result = CliRunner.Run(["predict", "--model", Run.ModelPath, "--input", input, "--json"]);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stderr, $"Dialogue '{rows[1].DialogueId}' turn 1");
        StringAssert.Contains(result.Stderr, "'Audio' vectors of 16 floats, this input has 2");
        Assert.AreEqual("", result.Stdout, "no partial JSON on stdout");
    }
}
