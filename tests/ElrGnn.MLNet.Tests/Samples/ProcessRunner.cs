using System.Diagnostics;

namespace ElrGnn.MLNet.Tests.Samples;

/// <summary>Runs a child process (dotnet, bash, python3) with captured output and a hang safety net.</summary>
internal static class ProcessRunner
{
    /// <summary>What the process did and how long it took.</summary>
    public sealed record Result(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        /// <summary>Asserts exit code 0 and returns the result.</summary>
        public Result Succeeded()
        {
            Assert.AreEqual(0, ExitCode, $"'{Command}' failed.\n{this}");
            return this;
        }

        public override string ToString() => $"{Command}: exit {ExitCode} after {Elapsed.TotalSeconds:F1} s\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static Result Run(string fileName, IReadOnlyList<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // The test host runs under `dotnet test`; its MSBuild and test-platform variables must not steer a nested build.
        foreach (var name in start.Environment.Keys.ToList())
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("_MSBUILD", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase))
                start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        var command = $"{Path.GetFileName(fileName)} {string.Join(' ', args)}";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A safety net against a hung child, not a timing assertion.
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{command}' did not finish");
        }
        process.WaitForExit();
        var result = new Result(command, process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
        // Timings go to the test log, so a slow sample shows up in CI output.
        Console.WriteLine($"[{result.Elapsed.TotalSeconds:F1} s] {command} (exit {result.ExitCode})");
        return result;
    }

    /// <summary>The dotnet host that runs the tests (DOTNET_HOST_PATH), else dotnet on PATH.</summary>
    public static string Dotnet()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
