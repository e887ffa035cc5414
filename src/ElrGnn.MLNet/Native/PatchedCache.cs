using System.Reflection;
using System.Text;

namespace ElrGnn.MLNet.Native;

/// <summary>
/// Writes the patched native library into a per-user cache folder keyed by the TorchSharp version, the
/// original file's hash and the folder of its siblings, and keeps symlinks to the siblings beside it.
/// Every write is a temp-file-then-rename, so concurrent processes never see a half-written file.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class PatchedCache
{
    /// <summary>Returns the path of the patched copy, creating it and its sibling links if needed.</summary>
    /// <param name="patchedBytes">The patched library.</param>
    /// <param name="originalHash">SHA-256 (hex) of the unpatched file, part of the cache key.</param>
    /// <param name="fileName">The library's file name.</param>
    /// <param name="siblingsDir">Folder of the libraries it links against.</param>
    /// <param name="torchAssembly">TorchSharp's assembly (its version is part of the cache key).</param>
    public static string Materialize(byte[] patchedBytes, string originalHash, string fileName, string siblingsDir, Assembly torchAssembly)
    {
        var dirHash = TorchNative.Sha256Hex(Encoding.UTF8.GetBytes(siblingsDir))[..8];
        var version = torchAssembly.GetName().Version?.ToString() ?? "unknown";
        var dir = Path.Combine(CacheRoot(), $"torchsharp-{version}-{originalHash[..16]}-{dirHash}");
        Directory.CreateDirectory(dir);

        var target = Path.Combine(dir, fileName);
        if (!File.Exists(target) || !File.ReadAllBytes(target).AsSpan().SequenceEqual(patchedBytes))
            WriteAtomically(target, patchedBytes);

        foreach (var sibling in Directory.EnumerateFiles(siblingsDir))
        {
            var name = Path.GetFileName(sibling);
            if (name == fileName || !name.Contains(".so", StringComparison.Ordinal))
                continue;
            LinkAtomically(Path.Combine(dir, name), sibling);
        }
        return target;
    }

    private static string CacheRoot()
    {
        if (Environment.GetEnvironmentVariable("ELRGNN_NATIVE_CACHE") is { Length: > 0 } custom)
            return custom;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var root = !string.IsNullOrEmpty(xdg) ? xdg : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache") : null;
        if (root is not null && IsWritable(root))
            return Path.Combine(root, "elrgnn-mlnet", "native");
        return Path.Combine(Path.GetTempPath(), $"elrgnn-mlnet-{Environment.UserName}", "native");
    }

    private static bool IsWritable(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, $".elrgnn-probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, bytes);
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                   UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.Move(temp, path, overwrite: true);
    }

    private static void LinkAtomically(string link, string target)
    {
        var existing = new FileInfo(link);
        if (existing.LinkTarget == target)
            return;
        var temp = $"{link}.{Environment.ProcessId}.{Guid.NewGuid():N}.lnk";
        File.CreateSymbolicLink(temp, target);
        File.Move(temp, link, overwrite: true);
    }
}
