using System.Text.Json;

namespace ElrGnn.Cli.Bench.Serving;

/// <summary>
/// Writes bench-serve.json. Key names (snake_case) are a contract: <c>data</c>, <c>model</c>, <c>batched</c>
/// {utterances, conversations, passes, batch_size, transform / predictor {threads_1, threads_2
/// {threads, utterances_per_second_median, pass_seconds}, thread_scaling}}, <c>streaming</c> {conversation_turns,
/// latencies [{turn, milliseconds_median, milliseconds}]}, <c>machine</c> (see <see cref="MachineInfo"/>, with
/// gemm_peak_gflops) and <c>targets</c> [{name, measured, threshold, direction, verdict}].
/// </summary>
/// <remarks>One method per section, so another section (e.g. explanations) is one more method and one more call in
/// <see cref="Write"/>; extra sections can also be passed in as writers.</remarks>
internal static class ServingJson
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/> (indented UTF-8, via a temporary file).</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="result">What was measured.</param>
    /// <param name="extraSections">More top-level sections, each written by its writer under its name, before the targets.</param>
    public static void Write(string path, ServingResult result, IReadOnlyList<(string Name, Action<Utf8JsonWriter> Write)>? extraSections = null)
    {
        string temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("data", result.Data);
            json.WriteString("model", result.Model);
            WriteBatched(json, result.Batched);
            WriteStreaming(json, result.Streaming);
            MachineInfo.Write(json, result.GemmPeakGflops);
            foreach (var (name, write) in extraSections ?? [])
            {
                json.WritePropertyName(name);
                write(json);
            }
            WriteTargets(json, result.Targets());
            json.WriteEndObject();
        }
        File.Move(temp, path, overwrite: true); // a reader never sees half a file
    }

    private static void WriteBatched(Utf8JsonWriter json, BatchedResult batched)
    {
        json.WriteStartObject("batched");
        json.WriteNumber("utterances", batched.Utterances);
        json.WriteNumber("conversations", batched.Conversations);
        json.WriteNumber("passes", batched.Passes);
        json.WriteNumber("batch_size", batched.BatchSize);
        json.WriteNumber("pass_gflop", batched.PassGflop);                  // analytic forward FLOP (FlopModel.Forward)
        json.WriteNumber("mflop_per_utterance", batched.MflopPerUtterance);
        WriteScaling(json, "transform", batched.Transform);
        WriteScaling(json, "predictor", batched.Predictor);
        json.WriteEndObject();
    }

    private static void WriteScaling(Utf8JsonWriter json, string name, ScalingResult scaling)
    {
        json.WriteStartObject(name);
        WriteThroughput(json, "threads_1", scaling.OneThread);
        WriteThroughput(json, "threads_2", scaling.TwoThreads);
        BenchReport.Number(json, "thread_scaling", scaling.ThreadScaling);
        json.WriteEndObject();
    }

    private static void WriteThroughput(Utf8JsonWriter json, string name, ThroughputResult throughput)
    {
        json.WriteStartObject(name);
        json.WriteNumber("threads", throughput.Threads);
        BenchReport.Number(json, "utterances_per_second_median", throughput.UtterancesPerSecondMedian);
        json.WriteStartArray("pass_seconds");
        foreach (var s in throughput.PassSeconds)
            json.WriteNumberValue(s);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStreaming(Utf8JsonWriter json, StreamingResult streaming)
    {
        json.WriteStartObject("streaming");
        json.WriteNumber("conversation_turns", streaming.ConversationTurns);
        json.WriteStartArray("latencies");
        foreach (var latency in streaming.Latencies)
        {
            json.WriteStartObject();
            json.WriteNumber("turn", latency.Turn);
            BenchReport.Number(json, "milliseconds_median", latency.MillisecondsMedian);
            json.WriteStartArray("milliseconds");
            foreach (var ms in latency.Milliseconds)
                json.WriteNumberValue(ms);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTargets(Utf8JsonWriter json, IEnumerable<BenchTarget> targets)
    {
        json.WriteStartArray("targets");
        foreach (var t in targets)
        {
            json.WriteStartObject();
            json.WriteString("name", t.Name);
            BenchReport.Number(json, "measured", t.Value);
            BenchReport.Number(json, "threshold", t.Threshold);
            json.WriteString("direction", t.AtLeast ? ">=" : "<=");
            json.WriteString("verdict", t.Met switch { true => "met", false => "missed", null => "not judged" });
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
