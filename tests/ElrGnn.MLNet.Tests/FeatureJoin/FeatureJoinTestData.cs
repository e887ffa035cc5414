using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.FeatureJoin;

/// <summary>One utterance of the user's own table: keys and text, no features.</summary>
public sealed class UtteranceKeyRow
{
    public string DialogueId { get; set; } = "";
    public int Turn { get; set; }
    public string Speaker { get; set; } = "";
}

/// <summary>A row of an in-memory feature table with a 3-value Audio vector.</summary>
public sealed class AudioFeatureRow
{
    public string DialogueId { get; set; } = "";
    public int Turn { get; set; }
    [VectorType(3)]
    public float[] Audio { get; set; } = [];
}

/// <summary>The joined output read back by <c>CreateEnumerable</c> / <c>PredictionEngine</c>.</summary>
public sealed class JoinedAudioRow
{
    public string DialogueId { get; set; } = "";
    public int Turn { get; set; }
    public float[] Audio { get; set; } = [];
}

/// <summary>Small tables whose vectors encode their key, so a value on the wrong row is visible.</summary>
internal static class FeatureJoinTestData
{
    /// <summary>The feature vector of (id, turn): [dialogue number, turn, dialogue number × 10 + turn].</summary>
    public static float[] Expected(string id, int turn)
    {
        float d = int.Parse(id.AsSpan(1), CultureInfo.InvariantCulture);
        return [d, turn, d * 10 + turn];
    }

    /// <summary>Two conversations, d1 (3 turns) and d2 (2 turns).</summary>
    public static List<AudioFeatureRow> Features() =>
        [.. new[] { ("d1", 0), ("d1", 1), ("d1", 2), ("d2", 0), ("d2", 1) }
            .Select(k => new AudioFeatureRow { DialogueId = k.Item1, Turn = k.Item2, Audio = Expected(k.Item1, k.Item2) })];

    /// <summary>An utterance table over a subset of the feature keys, scrambled (conversations interleaved, turns out of order).</summary>
    public static List<UtteranceKeyRow> ScrambledUtterances() =>
        [.. new[] { ("d2", 1), ("d1", 2), ("d1", 0), ("d2", 0), ("d1", 1) }
            .Select(k => new UtteranceKeyRow { DialogueId = k.Item1, Turn = k.Item2, Speaker = "A" })];

    /// <summary>Writes the features as a CSV (header dialogue_id,turn,audio_0..audio_2) and returns its path.</summary>
    public static string WriteCsv(string dir, string name = "features.csv", IEnumerable<AudioFeatureRow>? rows = null)
    {
        var path = Path.Combine(dir, name);
        var lines = new List<string> { "dialogue_id,turn,audio_0,audio_1,audio_2,note" };
        lines.AddRange((rows ?? Features()).Select(r =>
            $"{r.DialogueId},{r.Turn},{string.Join(",", r.Audio.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))},\"x, y\""));
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Reads the joined rows in output order.</summary>
    public static List<JoinedAudioRow> Read(MLContext ml, IDataView view) =>
        [.. ml.Data.CreateEnumerable<JoinedAudioRow>(view, reuseRowObject: false)];

    /// <summary>Asserts every row holds the vector of its own key.</summary>
    public static void AssertKeyedValues(IReadOnlyList<JoinedAudioRow> rows, IReadOnlyList<UtteranceKeyRow> input)
    {
        Assert.HasCount(input.Count, rows);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.AreEqual(input[i].DialogueId, rows[i].DialogueId, $"row {i} moved");
            Assert.AreEqual(input[i].Turn, rows[i].Turn, $"row {i} moved");
            CollectionAssert.AreEqual(Expected(rows[i].DialogueId, rows[i].Turn), rows[i].Audio, $"row {i}");
        }
    }
}
