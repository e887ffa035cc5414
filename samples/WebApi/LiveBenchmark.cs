using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Hosting;
using ElrGnn.MLNet.Orleans;

namespace ElrGnn.WebApi;

/// <summary>
/// <c>bench-live --out DIR [--model ZIP] [--max-conversations 64] [--past-turns 50] [--timed-turns 20]</c>: starts the
/// service in-process on 127.0.0.1 (random port), and for 1, 2, 4, … max concurrent live conversations first sends each
/// its past turns (not timed), then times its next turns over HTTP; writes <c>bench-live.json</c> (turns/s, p50/p99 ms
/// per level, and the 64-conversation target). Every loop is bounded; it stops by itself.
/// </summary>
internal static class LiveBenchmark
{
    public const string Verb = "bench-live";

    private const int TargetConversations = 64;
    private const double TargetTurnsPerSecond = 300;
    private const double TargetP99Milliseconds = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: bench-live --out DIR [--model ZIP] [--max-conversations 64] [--past-turns 50] [--timed-turns 20]");
            return 2;
        }
        var serverArgs = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--Orleans:SiloPort", FreePort(), "--Orleans:GatewayPort", FreePort(),
            "--Logging:LogLevel:Default", "Warning",
        };
        if (options.Model is not null)
            serverArgs.AddRange(["--model", options.Model]);
        await using var app = ServiceApp.Build([.. serverArgs]);
        await app.StartAsync();
        var pool = app.Services.GetRequiredService<ConversationPredictorPool<ConversationTurnInput, ConversationTurnOutput>>();
        var info = pool.GetModel().Info;
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(2) };
        Console.WriteLine($"bench-live: server {client.BaseAddress}, model {pool.Source()}");

        var conversations = Conversations(info, options.MaxConversations, options.PastTurns + options.TimedTurns);
        var curve = new List<BenchLevel>();
        for (int n = 1; ; n = Math.Min(n * 2, options.MaxConversations))
        {
            var level = await RunLevelAsync(client, conversations.Take(n).ToList(), n, options);
            curve.Add(level);
            Console.WriteLine($"  {n,3} conversations: {level.TurnsPerSecond,8:F1} turns/s, p50 {level.P50Ms,7:F1} ms, p99 {level.P99Ms,7:F1} ms");
            if (n == options.MaxConversations)
                break;
        }
        await app.StopAsync();

        var targetRow = curve.FirstOrDefault(l => l.Conversations == TargetConversations);
        var report = new
        {
            Model = pool.Source(),
            PastTurns = options.PastTurns,
            TimedTurns = options.TimedTurns,
            Batching = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DynamicBatchingOptions>>().Value,
            Curve = curve,
            Target = new
            {
                Conversations = TargetConversations,
                MinTurnsPerSecond = TargetTurnsPerSecond,
                MaxP99Ms = TargetP99Milliseconds,
                Measured = targetRow,
                Met = targetRow is { } row ? row.TurnsPerSecond >= TargetTurnsPerSecond && row.P99Ms <= TargetP99Milliseconds : (bool?)null,
            },
        };
        Directory.CreateDirectory(options.Out);
        string path = Path.Combine(options.Out, "bench-live.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, new JsonSerializerOptions
        {
            WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        }));
        Console.WriteLine($"bench-live: wrote {path}");
        return 0;
    }

    private static async Task<BenchLevel> RunLevelAsync(HttpClient client, List<List<ConversationTurnInput>> conversations, int n, BenchOptions options)
    {
        var ids = conversations.Select((_, i) => $"bench-{n}-{i}-{Guid.NewGuid():N}").ToList();
        // Past turns: build each conversation's history (not timed).
        await Task.WhenAll(conversations.Select(async (c, i) =>
        {
            foreach (var row in c.Take(options.PastTurns))
                await PostAsync(client, ids[i], row);
        }));
        var latencies = new List<double>[conversations.Count];
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(conversations.Select(async (c, i) =>
        {
            latencies[i] = [];
            foreach (var row in c.Skip(options.PastTurns))
            {
                long start = Stopwatch.GetTimestamp();
                await PostAsync(client, ids[i], row);
                latencies[i].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        wall.Stop();
        await Task.WhenAll(ids.Select(id => client.DeleteAsync($"/conversations/{id}")));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new BenchLevel(n, all.Length, all.Length / wall.Elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static async Task PostAsync(HttpClient client, string id, ConversationTurnInput row)
    {
        var turn = new Dictionary<string, object>
        {
            ["turn"] = row.Turn, ["speaker"] = row.Speaker, ["text"] = row.Utterance,
            ["features"] = new Dictionary<string, float[]> { ["Text"] = row.Text, ["Audio"] = row.Audio, ["Visual"] = row.Visual }
                .Where(f => f.Value.Length > 0).ToDictionary(),
        };
        using var content = new StringContent(JsonSerializer.Serialize(turn), System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync($"/conversations/{id}/turns", content);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"conversation '{id}' turn {row.Turn}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    // Synthetic conversations shaped like the model's input (its feature sizes; text for models that embed it).
    private static List<List<ConversationTurnInput>> Conversations(ConversationModelInfo info, int count, int length)
    {
        int Size(string name, int fallback) => info.RawFeatures.Where(f => f.Name == name).Select(f => f.Size).DefaultIfEmpty(fallback).First();
        var data = new SyntheticConversations(new SyntheticConversationsOptions
        {
            NumberOfConversations = count, MinLength = length, MaxLength = length, TrainFraction = 1, ValidFraction = 0,
            TextDimension = Size(ConversationColumns.Text, 1), AudioDimension = Size(ConversationColumns.Audio, 1), VisualDimension = Size(ConversationColumns.Visual, 1),
        });
        bool Reads(string name) => info.RawFeatures.Any(f => f.Name == name);
        return data.Rows.GroupBy(r => r.DialogueId).Select(g => g.OrderBy(r => r.Turn).Select(r => new ConversationTurnInput
        {
            Turn = r.Turn, Speaker = r.Speaker, Utterance = $"utterance {r.Turn} of {r.DialogueId}",
            Text = Reads(ConversationColumns.Text) ? r.Text : [],
            Audio = Reads(ConversationColumns.Audio) ? r.Audio : [],
            Visual = Reads(ConversationColumns.Visual) ? r.Visual : [],
        }).ToList()).ToList();
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }

    private static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions();
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string value = args[i + 1];
            switch (args[i])
            {
                case "--out": options.Out = value; break;
                case "--model": options.Model = value; break;
                case "--max-conversations": options.MaxConversations = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--past-turns": options.PastTurns = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--timed-turns": options.TimedTurns = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: return null;
            }
        }
        bool valid = args.Length % 2 == 0 && options.Out.Length > 0 && options.MaxConversations is >= 1 and <= 1024
            && options.PastTurns is >= 0 and <= 1000 && options.TimedTurns is >= 1 and <= 1000;
        return valid ? options : null;
    }

    private sealed class BenchOptions
    {
        public string Out { get; set; } = "";
        public string? Model { get; set; }
        public int MaxConversations { get; set; } = TargetConversations;
        public int PastTurns { get; set; } = 50;
        public int TimedTurns { get; set; } = 20;
    }

    /// <summary>One point of the curve.</summary>
    private sealed record BenchLevel(int Conversations, int TimedTurns, double TurnsPerSecond, double P50Ms, double P99Ms);
}
