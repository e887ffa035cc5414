using System.Text.Json;
using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Tests.Cli;

/// <summary>One tiny <c>elrgnn train</c> run on the built-in synthetic set, shared by the CLI tests (trained once).</summary>
internal sealed class TrainedCliRun
{
    /// <summary>Conversations of the tiny synthetic set (train 28 / valid 4 / test 8).</summary>
    public const int Conversations = 40;

    /// <summary>Epochs of the tiny run.</summary>
    public const int Epochs = 2;

    /// <summary>Seed of the tiny run.</summary>
    public const int Seed = 7;

    private static readonly Lazy<TrainedCliRun> Lazy = new(() => new TrainedCliRun());

    private TrainedCliRun()
    {
        OutDir = Path.Combine(TestPaths.NewTempDir(), "run");
        Result = CliRunner.Run(["train", "--synthetic-conversations", $"{Conversations}", "--epochs", $"{Epochs}",
            "--seed", $"{Seed}", "--out", OutDir]);
    }

    /// <summary>The shared run.</summary>
    public static TrainedCliRun Instance => Lazy.Value;

    /// <summary>The --out folder.</summary>
    public string OutDir { get; }

    /// <summary>Exit code and output of the run.</summary>
    public CliRunner.Result Result { get; }

    /// <summary>The model zip (asserts that training succeeded).</summary>
    public string ModelPath
    {
        get
        {
            Result.Succeeded();
            return Path.Combine(OutDir, "model.zip");
        }
    }

    /// <summary>metrics.json, parsed.</summary>
    public JsonElement Metrics()
    {
        Result.Succeeded();
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutDir, "metrics.json")));
        return document.RootElement.Clone();
    }

    /// <summary>Test conversations of the CLI's synthetic set of the same size (same prototypes and dimensions as the
    /// model's training data).</summary>
    public static List<List<SyntheticUtterance>> TestConversations(int count) =>
        new SyntheticConversations(new SyntheticConversationsOptions { NumberOfConversations = Conversations })
            .GetRows(SyntheticConversations.TestSplit).GroupBy(r => r.DialogueId).Take(count).Select(g => g.ToList()).ToList();

    /// <summary>Writes <paramref name="rows"/> as the JSON of <c>elrgnn predict --input</c> (text and feature vectors).</summary>
    public static string WriteJsonInput(IEnumerable<SyntheticUtterance> rows)
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "input.json");
        File.WriteAllText(path, JsonSerializer.Serialize(rows.Select(r => new Dictionary<string, object>
        {
            ["dialogue_id"] = r.DialogueId,
            ["turn"] = r.Turn,
            ["speaker"] = r.Speaker,
            ["text"] = r.Utterance,
            ["features"] = new Dictionary<string, float[]> { ["Text"] = r.Text, ["Audio"] = r.Audio, ["Visual"] = r.Visual },
        })));
        return path;
    }
}
