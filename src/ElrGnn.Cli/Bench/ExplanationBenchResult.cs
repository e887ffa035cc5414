using System.Text.Json;
using System.Text.Json.Serialization;

namespace ElrGnn.Cli.Bench;

/// <summary>
/// Faithfulness and speed of the turn explanations (<see cref="ExplanationBenchmark"/>): the <c>explanations</c>
/// section of a bench report and the whole of <c>bench-explain.json</c>. JSON names are snake_case.
/// </summary>
/// <param name="Top3MeanDrop">Mean drop of the predicted class's probability when an utterance's top-3 attributed context turns are deleted.</param>
/// <param name="Random3MeanDrop">The same for 3 random context turns (mean over <paramref name="RandomDraws"/> seeded draws per utterance).</param>
/// <param name="Ratio">Top3MeanDrop / Random3MeanDrop; null when the random drop is not positive. Target ≥ <paramref name="RatioTarget"/>.</param>
/// <param name="Utterances">Utterances measured (those with ≥ 4 context turns).</param>
/// <param name="Conversations">Conversations they come from.</param>
/// <param name="RandomDraws">Random draws per utterance.</param>
/// <param name="Seed">Seed of the random draws.</param>
/// <param name="ExplainSeconds">Median wall time of <c>Explain</c> on one conversation of <paramref name="ExplainTurns"/> turns.</param>
/// <param name="ExplainTurns">Turns of the timed conversation (100).</param>
/// <param name="ExplainTimingRuns">Timed runs behind that median.</param>
/// <param name="RatioTarget">The faithfulness target (2).</param>
/// <param name="SecondsTarget">The speed target for 100 turns on 2 cores (1 s).</param>
internal sealed record ExplanationBenchResult(
    [property: JsonPropertyName("top3_mean_drop")] double Top3MeanDrop,
    [property: JsonPropertyName("random3_mean_drop")] double Random3MeanDrop,
    [property: JsonPropertyName("ratio")] double? Ratio,
    [property: JsonPropertyName("utterances")] int Utterances,
    [property: JsonPropertyName("conversations")] int Conversations,
    [property: JsonPropertyName("random_draws")] int RandomDraws,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("explain_seconds")] double ExplainSeconds,
    [property: JsonPropertyName("explain_turns")] int ExplainTurns,
    [property: JsonPropertyName("explain_timing_runs")] int ExplainTimingRuns,
    [property: JsonPropertyName("ratio_target")] double RatioTarget = 2,
    [property: JsonPropertyName("seconds_target")] double SecondsTarget = 1)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>The result as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>.</summary>
    public void Write(string path) => File.WriteAllText(path, ToJson() + Environment.NewLine);
}
