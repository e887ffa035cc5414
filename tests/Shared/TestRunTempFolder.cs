using System.Diagnostics;

namespace ElrGnn.MLNet.TestSupport;

/// <summary>
/// Temporary folders of one test run, all under <c>&lt;temp&gt;/&lt;area&gt;/run-&lt;pid&gt;-&lt;id&gt;/</c>. The run's folder is deleted
/// when the test assembly finishes (<see cref="DeleteCurrentRun"/>), and a run killed before that leaves a folder the next
/// run deletes once its process is gone, so repeated CI runs never fill the disk (one sample build alone is 1.8 GB).
/// Linked into both test projects.
/// </summary>
internal sealed class TestRunTempFolder
{
    private const string RunPrefix = "run-";
    private readonly Lazy<string> _runRoot;

    /// <param name="area">The folder under the system temp folder that holds the runs (e.g. "elrgnn-tests").</param>
    public TestRunTempFolder(string area)
    {
        Parent = Path.Combine(Path.GetTempPath(), area);
        _runRoot = new(CreateRunRoot);
    }

    /// <summary>The folder that holds every run's folder.</summary>
    public string Parent { get; }

    /// <summary>A fresh empty folder inside this run's folder.</summary>
    public string NewDirectory()
    {
        var dir = Path.Combine(_runRoot.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Deletes this run's folder, if it was created.</summary>
    public void DeleteCurrentRun()
    {
        if (_runRoot.IsValueCreated)
            TryDelete(_runRoot.Value);
    }

    /// <summary>
    /// Deletes the run folders under <paramref name="parent"/> whose process is no longer running, and any other
    /// entries (folders of the layout before run folders existed). Returns how many were deleted.
    /// </summary>
    public static int DeleteAbandonedRuns(string parent, Func<int, bool> processIsRunning)
    {
        if (!Directory.Exists(parent))
            return 0;
        var deleted = 0;
        foreach (var dir in Directory.GetDirectories(parent))
        {
            var pid = RunProcessId(Path.GetFileName(dir));
            if (pid is { } running && processIsRunning(running))
                continue;
            if (TryDelete(dir))
                deleted++;
        }
        return deleted;
    }

    /// <summary>The process id a run folder's name carries (run-&lt;pid&gt;-&lt;id&gt;), or null for any other name.</summary>
    internal static int? RunProcessId(string folderName)
    {
        if (!folderName.StartsWith(RunPrefix, StringComparison.Ordinal))
            return null;
        var rest = folderName[RunPrefix.Length..];
        var dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest[..dash], out var pid) ? pid : null;
    }

    /// <summary>True when a process with this id is running.</summary>
    public static bool IsProcessRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    private string CreateRunRoot()
    {
        DeleteAbandonedRuns(Parent, IsProcessRunning);
        var root = Path.Combine(Parent, $"{RunPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        return root;
    }

    private static bool TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
