using System.Security.Cryptography;
using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Transforms;

/// <summary>
/// A feature file a fitted <see cref="FeatureJoinTransformer"/> refers to: its full path, format and SHA-256, so
/// a loaded model reads the same file again and refuses a changed one.
/// </summary>
internal sealed record FeatureJoinSourceFile(string Path, FeatureJoinSourceFormat Format, byte[] Sha256)
{
    /// <summary>Hashes and reads <paramref name="path"/> (format resolved from the extension when Auto).</summary>
    /// <exception cref="ConversationDataException">The file is absent, its format unknown, or its content bad.</exception>
    public static (FeatureJoinSourceFile File, FeatureTable Table) Open(string path, FeatureJoinSourceFormat format, IReadOnlyList<string> modalities)
    {
        string full = System.IO.Path.GetFullPath(path);
        var file = new FeatureJoinSourceFile(full, Resolve(full, format), Hash(full));
        return (file, file.Read(modalities));
    }

    /// <summary>
    /// Reads the file again for a loaded model after checking it still has the saved hash.
    /// </summary>
    /// <exception cref="ConversationDataException">The file is gone or has changed since the model was fitted.</exception>
    public FeatureTable Reopen(IReadOnlyList<string> modalities)
    {
        var now = Hash(Path);
        if (!now.AsSpan().SequenceEqual(Sha256))
            throw new ConversationDataException(
                $"The feature file '{Path}' has changed since the model was fitted (SHA-256 {Convert.ToHexString(now)[..16]}…, " +
                $"expected {Convert.ToHexString(Sha256)[..16]}…). Restore the original file or fit the pipeline again.");
        return Read(modalities);
    }

    private FeatureTable Read(IReadOnlyList<string> modalities) => Format == FeatureJoinSourceFormat.CommunityPickle
        ? FeatureTable.FromCommunityPickle(Path, modalities)
        : FeatureTable.FromCsv(Path, modalities);

    private static FeatureJoinSourceFormat Resolve(string path, FeatureJoinSourceFormat format)
    {
        if (format != FeatureJoinSourceFormat.Auto)
            return format;
        return System.IO.Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".pkl" or ".pickle" => FeatureJoinSourceFormat.CommunityPickle,
            ".csv" => FeatureJoinSourceFormat.Csv,
            var ext => throw new ConversationDataException(
                $"Cannot tell the format of feature file '{path}' from its extension '{ext}'; set {nameof(FeatureJoinOptions.SourceFormat)}."),
        };
    }

    // Not FileNotFoundException: model loading reads that as a missing assembly.
    private static byte[] Hash(string path)
    {
        if (!File.Exists(path))
            throw new ConversationDataException(
                $"The feature file '{path}' does not exist. A feature-join model reads its feature file again when loaded, so the file must stay available.");
        using var stream = File.OpenRead(path);
        return SHA256.HashData(stream);
    }
}
