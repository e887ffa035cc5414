using System.Text.Json;

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
}
