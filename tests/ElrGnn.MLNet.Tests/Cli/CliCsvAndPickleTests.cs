using System.Text;
using System.Text.Json;
using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Tests.Cli;

[TestClass]
public sealed class CliCsvAndPickleTests
{
    // A transcript table in the utterances.csv layout made of the synthetic set's made-up sentences.
    private static string WriteTranscripts(int conversations, bool withLabels = true, string? folderName = null)
    {
        var data = new SyntheticConversations(new SyntheticConversationsOptions { NumberOfConversations = conversations });
        var csv = new StringBuilder(withLabels ? "dialogue_id,turn,speaker,label,label_name,split,text\r\n" : "dialogue_id,turn,speaker,text\r\n");
        foreach (var r in data.Rows)
        {
            var text = "\"" + r.Utterance.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            csv.Append(withLabels
                ? $"{r.DialogueId},{r.Turn},{r.Speaker},{r.Label[1..]},{r.Label},{r.Split},{text}\r\n"
                : $"{r.DialogueId},{r.Turn},{r.Speaker},{text}\r\n");
        }
        var folder = folderName is null ? TestPaths.NewTempDir() : Directory.CreateDirectory(Path.Combine(TestPaths.NewTempDir(), folderName)).FullName;
        var path = Path.Combine(folder, "utterances.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    [TestMethod]
    public void Train_CsvTranscripts_EmbedsTheTextAndTheModelPredictsFromACsv()
    {
        var cache = new Dictionary<string, string> { ["ELRGNN_EMBEDDING_CACHE"] = TestPaths.NewTempDir() };
        var data = WriteTranscripts(20);
        var outDir = Path.Combine(TestPaths.NewTempDir(), "csv-run");

        var train = CliRunner.Run(["train", "--data", Path.GetDirectoryName(data)!, "--epochs", "1", "--out", outDir], cache).Succeeded();

        StringAssert.Contains(train.Stdout.Split('\n')[0], "utterances.csv layout");
        StringAssert.Contains(train.Stdout, "modalities text");
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        Assert.AreEqual(1, metrics.RootElement.GetProperty("epochs_run").GetInt32());

        var unlabelled = WriteTranscripts(3, withLabels: false);
        var predict = CliRunner.Run(["predict", "--model", Path.Combine(outDir, "model.zip"), "--input", unlabelled, "--json"], cache).Succeeded();
        using var json = JsonDocument.Parse(predict.Stdout);
        var conversations = json.RootElement.GetProperty("conversations").EnumerateArray().ToArray();
        Assert.HasCount(3, conversations);
        Assert.IsTrue(conversations.All(c => c.GetProperty("utterances").GetArrayLength() >= 8), "every turn is predicted");
    }

    [TestMethod]
    public void Train_CsvDefaultTextEncoder_IsTheOneThatWonOnTheDataSetsValidSplit()
    {
        var cache = new Dictionary<string, string> { ["ELRGNN_EMBEDDING_CACHE"] = TestPaths.NewTempDir() };
        var meld = Path.GetDirectoryName(WriteTranscripts(20, folderName: "meld"))!;
        var iemocap = Path.GetDirectoryName(WriteTranscripts(20, folderName: "iemocap"))!;

        var tuned = CliRunner.Run(["train", "--data", meld, "--epochs", "1", "--encoder-epochs", "1", "--out", Path.Combine(TestPaths.NewTempDir(), "m")], cache).Succeeded();
        var frozen = CliRunner.Run(["train", "--data", iemocap, "--epochs", "1", "--out", Path.Combine(TestPaths.NewTempDir(), "i")], cache).Succeeded();

        StringAssert.Contains(tuned.Stdout, "Fine-tuning MiniLM on the train labels");
        StringAssert.Contains(tuned.Stdout, "MiniLM tuning: kept epoch 1 of 1");
        StringAssert.Contains(frozen.Stdout, "Embedding utterances with MiniLM");
        Assert.DoesNotContain("MiniLM tuning", frozen.Stdout);
    }

    [TestMethod]
    public void Train_CsvAskedForAudio_ExitsOneExplainingThatACsvIsTextOnly()
    {
        var data = WriteTranscripts(10);

        var result = CliRunner.Run(["train", "--data", data, "--modalities", "text,audio"]);

        Assert.AreEqual(1, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stderr, "--modalities asks for audio");
        StringAssert.Contains(result.Stderr, "a CSV carries text only");
        StringAssert.Contains(result.Stderr, ".pkl");
    }

    [TestMethod]
    public void Train_CommunityPickle_UsesItsModalitiesAndLabelMap()
    {
        var pickle = TestPaths.Shared("samples", "meld_like_small.pkl");
        var outDir = Path.Combine(TestPaths.NewTempDir(), "pkl-run");

        var result = CliRunner.Run(["train", "--data", pickle, "--epochs", "1", "--modalities", "text,audio", "--out", outDir]).Succeeded();

        StringAssert.Contains(result.Stdout, "meld preset", "'meld' in the path picks the MELD preset");
        StringAssert.Contains(result.Stdout, "modalities text+audio");
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        var labels = metrics.RootElement.GetProperty("labels").EnumerateArray().Select(e => e.GetString()).ToArray();
        CollectionAssert.AreEqual(new[] { "neutral", "surprise", "fear", "sadness", "joy", "disgust", "anger" }, labels);
        Assert.AreEqual("meld", metrics.RootElement.GetProperty("dataset").GetString());
    }
}
