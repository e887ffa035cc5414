using System.Reflection;

namespace ElrGnn.MLNet.Native;

/// <summary>
/// Finds TorchSharp's native files where .NET puts them: the application folder, its
/// <c>runtimes/linux-x64/native</c>, the host's native search directories, and the NuGet package folders
/// (notebooks load TorchSharp straight from the package cache).
/// </summary>
internal static class NativeLocator
{
    private const string Rid = "linux-x64";

    /// <summary>The full path of <paramref name="fileName"/> in the first candidate folder holding it, or null.</summary>
    public static string? Find(string fileName, Assembly torchAssembly) =>
        CandidateDirectories(torchAssembly)
            .Select(d => Path.Combine(d, fileName))
            .FirstOrDefault(File.Exists);

    /// <summary>The folder holding <paramref name="fileName"/>, preferring <paramref name="preferred"/>.</summary>
    public static string? FindDirectoryOf(string fileName, Assembly torchAssembly, string preferred) =>
        new[] { preferred }.Concat(CandidateDirectories(torchAssembly))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, fileName)));

    private static IEnumerable<string> CandidateDirectories(Assembly torchAssembly)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dir in RawCandidates(torchAssembly))
        {
            if (string.IsNullOrEmpty(dir))
                continue;
            var full = Path.GetFullPath(dir);
            if (Directory.Exists(full) && seen.Add(full))
                yield return full;
        }
    }

    private static IEnumerable<string> RawCandidates(Assembly torchAssembly)
    {
        var baseDir = AppContext.BaseDirectory;
        yield return baseDir;
        yield return Path.Combine(baseDir, "runtimes", Rid, "native");
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirs)
            foreach (var d in searchDirs.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                yield return d;

        var torchDir = Path.GetDirectoryName(torchAssembly.Location);
        if (string.IsNullOrEmpty(torchDir))
            yield break;
        yield return torchDir;
        yield return Path.Combine(torchDir, "runtimes", Rid, "native");

        // Package layout: <packages>/torchsharp/<version>/lib/<tfm>/TorchSharp.dll
        var packageHome = Path.GetFullPath(Path.Combine(torchDir, "..", ".."));
        yield return Path.Combine(packageHome, "runtimes", Rid, "native");
        var packagesDir = Path.GetFullPath(Path.Combine(packageHome, ".."));
        if (!Directory.Exists(packagesDir) || !File.Exists(Path.Combine(packageHome, "..", "..", "torchsharp", Path.GetFileName(packageHome), "torchsharp.nuspec")))
            yield break;
        foreach (var pkg in Directory.EnumerateDirectories(Path.GetDirectoryName(packagesDir)!, "libtorch-c*-" + Rid + "*"))
            foreach (var version in Directory.EnumerateDirectories(pkg).OrderByDescending(v => v, StringComparer.Ordinal))
                yield return Path.Combine(version, "runtimes", Rid, "native");
    }
}
