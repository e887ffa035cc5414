namespace ElrGnn.MLNet.Features;

/// <summary>Resolves the folder of the on-disk embedding cache.</summary>
internal static class EmbeddingCacheLocation
{
    /// <summary>
    /// <paramref name="configured"/> if given, else $ELRGNN_EMBEDDING_CACHE, else $XDG_CACHE_HOME/elrgnn-mlnet/embeddings,
    /// else ~/.cache/elrgnn-mlnet/embeddings, else (no home folder) the temp folder's elrgnn-mlnet/embeddings.
    /// </summary>
    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);
        if (Environment.GetEnvironmentVariable(UtteranceEmbeddingDefaults.CacheEnvironmentVariable) is { Length: > 0 } env)
            return Path.GetFullPath(env);
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home
                ? Path.Combine(home, ".cache")
                : Path.GetTempPath();
        return Path.GetFullPath(Path.Combine(root, "elrgnn-mlnet", "embeddings"));
    }
}
