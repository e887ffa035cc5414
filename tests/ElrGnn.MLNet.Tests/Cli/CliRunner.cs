using System.Diagnostics;

namespace ElrGnn.MLNet.Tests.Cli;

/// <summary>
/// Runs the <c>elrgnn</c> CLI in a child process: <c>dotnet elrgnn.dll args</c>. The test project builds it through a
/// ProjectReference with ReferenceOutputAssembly=false, so it sits at src/ElrGnn.Cli/bin/&lt;Configuration&gt;/&lt;TFM&gt;/.
/// </summary>
internal static class CliRunner
{
    /// <summary>Environment variable that points at elrgnn.dll explicitly.</summary>
    public const string CliDllEnvironmentVariable = "ELRGNN_CLI";

    /// <summary>What the CLI did.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Asserts exit code 0 and returns the result.</summary>
        public Result Succeeded()
        {
            Assert.AreEqual(0, ExitCode, $"elrgnn failed.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            return this;
        }

        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    /// <summary>Runs the CLI with <paramref name="args"/>; <paramref name="environment"/> adds variables to the child's.</summary>
    public static Result Run(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        using var process = Start(args, environment, workingDirectory);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A safety net against a hung child, not a timing assertion.
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("elrgnn did not finish");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the CLI with <paramref name="args"/> and returns the running process (output redirected; read it).</summary>
    public static Process Start(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestPaths.NewTempDir(),
        };
        start.ArgumentList.Add(FindCliDll());
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        return Process.Start(start) ?? throw new InvalidOperationException("could not start elrgnn");
    }

    private static string DotnetHost()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    // Our output folder is tests/ElrGnn.MLNet.Tests/bin/<Configuration>/<TFM>/; the CLI's mirrors it under src/ElrGnn.Cli.
    private static string FindCliDll()
    {
        if (Environment.GetEnvironmentVariable(CliDllEnvironmentVariable) is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"{CliDllEnvironmentVariable} points to a missing file", configured);

        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent?.Name ?? "";
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "ElrGnn.Cli", "bin", configuration, framework, "elrgnn.dll");
            if (File.Exists(candidate))
                return candidate;
        }
        Assert.Fail($"elrgnn.dll not found above {output.FullName}: build src/ElrGnn.Cli (the test project references it) or set {CliDllEnvironmentVariable}.");
        return "";
    }
}
