using System.Diagnostics;
using System.Text.Json;

namespace ElrGnn.MLNet.Tests.Persistence;

/// <summary>
/// Runs tests/ElrGnn.ModelProbe (built beside the tests by a ProjectReference with ReferenceOutputAssembly=false)
/// in a fresh process: <c>dotnet ElrGnn.ModelProbe.dll model.zip input [options]</c>.
/// </summary>
internal static class ModelProbeRunner
{
    public const string ProbeDllEnvironmentVariable = "ELRGNN_MODEL_PROBE";

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>The "rows" array of the probe's JSON output.</summary>
        public JsonElement[] Rows()
        {
            Assert.AreEqual(0, ExitCode, $"probe failed: {Stderr}");
            return JsonDocument.Parse(Stdout).RootElement.GetProperty("rows").EnumerateArray().ToArray();
        }
    }

    public static Result Run(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FindProbeDll());
        foreach (var arg in args)
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the probe");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A safety net against a hung child, not a timing assertion.
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the model probe did not finish");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string DotnetHost()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    // The probe's output folder mirrors ours: tests/ElrGnn.ModelProbe/bin/<Configuration>/<TargetFramework>/.
    private static string FindProbeDll()
    {
        if (Environment.GetEnvironmentVariable(ProbeDllEnvironmentVariable) is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"{ProbeDllEnvironmentVariable} points to a missing file", configured);

        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent?.Name;
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            var probeProject = Path.Combine(dir.FullName, "ElrGnn.ModelProbe");
            if (!Directory.Exists(probeProject))
                continue;
            var expected = Path.Combine(probeProject, "bin", configuration ?? "", framework, "ElrGnn.ModelProbe.dll");
            if (File.Exists(expected))
                return expected;
            var any = Directory.Exists(Path.Combine(probeProject, "bin"))
                ? Directory.GetFiles(Path.Combine(probeProject, "bin"), "ElrGnn.ModelProbe.dll", SearchOption.AllDirectories)
                    .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                : null;
            if (any is not null)
                return any;
        }
        Assert.Fail($"ElrGnn.ModelProbe.dll not found near {output.FullName}: build tests/ElrGnn.ModelProbe or set {ProbeDllEnvironmentVariable}.");
        return "";
    }
}
