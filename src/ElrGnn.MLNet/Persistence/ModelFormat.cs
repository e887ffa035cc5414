namespace ElrGnn.MLNet.Persistence;

/// <summary>
/// A saved component's identity and format version in ML.NET's model zip.
/// </summary>
/// <remarks>
/// Versions follow ML.NET's convention (0x00010001 = 1.1). A reader accepts files whose written version is in
/// [<see cref="VersionWeCanReadBack"/>, <see cref="Version"/>] and whose "readable by" version is at most
/// <see cref="Version"/>. Keep the history of a component's versions in comments beside its format, as ML.NET does.
/// </remarks>
internal sealed class ModelFormat
{
    /// <summary>Creates a format description; see the properties for the rules.</summary>
    public ModelFormat(string modelSignature, string loaderSignature, uint version, uint versionReadable, uint versionWeCanReadBack)
    {
        if (modelSignature is not { Length: 8 } || modelSignature.Any(c => c > 0x7F))
            throw new ArgumentException("The model signature must be exactly 8 ASCII characters.", nameof(modelSignature));
        if (string.IsNullOrWhiteSpace(loaderSignature) || loaderSignature.Length > 24
            || loaderSignature.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '.')))
            throw new ArgumentException("The loader signature must be 1-24 ASCII letters, digits, '_' or '.'.", nameof(loaderSignature));
        if (versionReadable > version || versionWeCanReadBack > version)
            throw new ArgumentException("The readable and read-back versions cannot exceed the written version.");
        ModelSignature = modelSignature;
        LoaderSignature = loaderSignature;
        Version = version;
        VersionReadable = versionReadable;
        VersionWeCanReadBack = versionWeCanReadBack;
    }

    /// <summary>Eight ASCII characters naming the format of the component's block, e.g. "ELRGNNXF".</summary>
    public string ModelSignature { get; }

    /// <summary>The name ML.NET looks the loader up by: 1-24 ASCII letters, digits, '_' or '.'; unique per component type.</summary>
    public string LoaderSignature { get; }

    /// <summary>The version this code writes.</summary>
    public uint Version { get; }

    /// <summary>The oldest reader version that can read what this code writes.</summary>
    public uint VersionReadable { get; }

    /// <summary>The oldest written version this code can still read.</summary>
    public uint VersionWeCanReadBack { get; }

    /// <inheritdoc />
    public override string ToString() => $"{LoaderSignature} ({ModelSignature} v0x{Version:X8})";
}
