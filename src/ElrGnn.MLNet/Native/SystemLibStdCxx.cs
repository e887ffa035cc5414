namespace ElrGnn.MLNet.Native;

/// <summary>
/// Finds the libstdc++ the process will bind to. The .NET host links libstdc++ itself, so the mapped copy in
/// <c>/proc/self/maps</c> is exactly the one a later dlopen of TorchSharp resolves against.
/// </summary>
internal static class SystemLibStdCxx
{
    /// <summary>The path of the loaded libstdc++.so.6, or a well-known system path, or null.</summary>
    public static string? Find()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                int slash = line.IndexOf('/');
                if (slash >= 0 && line.Contains("libstdc++.so", StringComparison.Ordinal))
                    return line[slash..].Trim();
            }
        }
        catch (IOException)
        {
            // No procfs: fall back to the distribution's usual locations.
        }
        string[] known =
        [
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        ];
        return known.FirstOrDefault(File.Exists);
    }
}
