using ElrGnn.MLNet.TestSupport;

namespace ElrGnn.MLNet.Tests;

/// <summary>Locates the repository and the shared data folder beside it (never inside it).</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);

    /// <summary>The folder that holds ElrGnn.MLNet.sln.</summary>
    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>The shared data folder: $ELRGNN_SHARED_DATA, else ../shared/data next to the repository.</summary>
    public static string SharedData =>
        Environment.GetEnvironmentVariable("ELRGNN_SHARED_DATA") is { Length: > 0 } env
            ? env
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>A file under the shared data folder; marks the test inconclusive when the folder is absent.</summary>
    public static string Shared(params string[] parts)
    {
        var path = Path.Combine([SharedData, .. parts]);
        if (!File.Exists(path))
            Assert.Inconclusive($"Shared data file not found: {path}");
        return path;
    }

    /// <summary>This run's temporary folders (deleted when the assembly's tests end).</summary>
    public static TestRunTempFolder Temp { get; } = new("elrgnn-tests");

    /// <summary>A fresh temporary directory for one test.</summary>
    public static string NewTempDir() => Temp.NewDirectory();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ElrGnn.MLNet.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Could not find ElrGnn.MLNet.sln above " + AppContext.BaseDirectory);
    }
}
