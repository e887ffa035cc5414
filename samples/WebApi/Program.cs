using ElrGnn.WebApi;

// `bench-live` is a hidden verb: the live-conversation benchmark against an in-process server on loopback.
if (args.Length > 0 && args[0] == LiveBenchmark.Verb)
    return await LiveBenchmark.RunAsync(args[1..]);

var app = ServiceApp.Build(args);
await app.RunAsync();
return 0;

/// <summary>The entry point (public so <c>WebApplicationFactory&lt;Program&gt;</c> can find it).</summary>
public partial class Program;
