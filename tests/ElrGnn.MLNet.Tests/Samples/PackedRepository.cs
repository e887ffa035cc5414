namespace ElrGnn.MLNet.Tests.Samples;

/// <summary>
/// A copy of what a user's clone needs to pack and run the samples (the two library projects, the build props,
/// nuget/ and samples/, without bin/obj), in a temporary folder, packed once with nuget/pack.sh under a unique
/// prerelease version (0.1.0-ci.&lt;ticks&gt;), so no stale package in the global packages folder can stand in for it.
/// Shared by the sample tests; <see cref="Delete"/> removes the folder and that version from the global packages folder.
/// </summary>
internal sealed class PackedRepository
{
    private static readonly string[] CopiedFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json"];
    private static readonly string[] CopiedFolders = ["src/ElrGnn.MLNet", "src/ElrGnn.MLNet.Embeddings", "src/ElrGnn.MLNet.Hosting", "src/ElrGnn.MLNet.Orleans", "nuget", "samples"];
    private static readonly string[] SkippedFolders = ["bin", "obj", "feed", "out"];
    internal static readonly string[] PackageIds = ["ElrGnn.MLNet", "ElrGnn.MLNet.Embeddings", "ElrGnn.MLNet.Hosting", "ElrGnn.MLNet.Orleans"];
    private static Lazy<PackedRepository> _shared = new(() => new PackedRepository());

    private PackedRepository()
    {
        Version = $"0.1.0-ci.{DateTime.UtcNow.Ticks}";
        Root = TestPaths.NewTempDir();
        foreach (var file in CopiedFiles)
            File.Copy(Path.Combine(TestPaths.RepoRoot, file), Path.Combine(Root, file));
        foreach (var folder in CopiedFolders)
            CopyTree(Path.Combine(TestPaths.RepoRoot, folder), Path.Combine(Root, folder));
        Pack = ProcessRunner.Run("bash", [Path.Combine(Root, "nuget", "pack.sh"), Version], Root);
    }

    /// <summary>The shared packed copy (packed on first use).</summary>
    public static PackedRepository Instance => _shared.Value;

    /// <summary>The prerelease version the packages carry.</summary>
    public string Version { get; }

    /// <summary>The copy's root folder.</summary>
    public string Root { get; }

    /// <summary>The pack.sh run.</summary>
    public ProcessRunner.Result Pack { get; }

    /// <summary>The local feed pack.sh wrote (the copy's nuget/feed/).</summary>
    public string Feed => Path.Combine(Root, "nuget", "feed");

    /// <summary>A sample folder of the copy.</summary>
    public string Sample(string name) => Path.Combine(Root, "samples", name);

    /// <summary>Variables for a sample run: the packed version, and a private native cache so the library's
    /// libTorchSharp fix runs from scratch inside the package-consuming app.</summary>
    public Dictionary<string, string> SampleEnvironment(int epochs) => new()
    {
        ["ElrGnnVersion"] = Version,
        ["ELRGNN_EPOCHS"] = epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ELRGNN_NATIVE_CACHE"] = NativeCache,
    };

    /// <summary>The native cache the sample runs use.</summary>
    public string NativeCache => Path.Combine(Root, "native-cache");

    /// <summary>Deletes the copy and the ci version of both packages from the global packages folder, if packed.</summary>
    public static void Delete()
    {
        if (!_shared.IsValueCreated)
            return;
        var packed = _shared.Value;
        _shared = new(() => new PackedRepository());
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
            TryDelete(Path.Combine(cache, id.ToLowerInvariant(), packed.Version.ToLowerInvariant()));
        TryDelete(packed.Root);
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            if (!OperatingSystem.IsWindows() && (file.EndsWith(".sh", StringComparison.Ordinal) || file.EndsWith(".py", StringComparison.Ordinal)))
                File.SetUnixFileMode(Path.Combine(to, Path.GetFileName(file)), File.GetUnixFileMode(file));
        }
        foreach (var dir in Directory.GetDirectories(from))
            if (!SkippedFolders.Contains(Path.GetFileName(dir)))
                CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
