namespace ElrGnn.WebApi;

internal static class LiveBenchmark
{
    public const string Verb = "bench-live";

    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
