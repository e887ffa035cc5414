using System.Security.Cryptography;
using Microsoft.ML;

namespace ElrGnn.MLNet.Persistence;

/// <summary>
/// Writes one component into ML.NET's model zip: a versioned main stream plus named binary entries.
/// </summary>
/// <remarks>
/// <code>
/// *** Binary format *** (written before the component's own fields)
///   ML.NET header     model signature, versions, loader signature (<see cref="ModelFormat"/>)
///   uint              format version written (= ModelFormat.Version; lets readers branch on old layouts)
///   ...               the component's fields, in the order of its own "Binary format" comment
/// each binary entry, at the point the component saves it:
///   long              entry length in bytes
///   byte[32]          SHA-256 of the entry (a truncated or altered entry is caught before it is parsed)
/// </code>
/// </remarks>
internal sealed class ModelWriter
{
    private readonly ModelSaveContext _ctx;
    private readonly HashSet<string> _streamNames = new(StringComparer.OrdinalIgnoreCase);

    private ModelWriter(ModelSaveContext ctx, ModelFormat format, BinaryWriter writer)
    {
        _ctx = ctx;
        Format = format;
        Writer = writer;
    }

    /// <summary>The component's format.</summary>
    public ModelFormat Format { get; }

    /// <summary>The main stream; write the component's fields here in the documented order.</summary>
    public BinaryWriter Writer { get; }

    /// <summary>
    /// Saves a component: checks the context, writes the header and version, then runs <paramref name="body"/>.
    /// Call it from <c>ICanSaveModel.Save</c>; <paramref name="componentType"/> is the saved type.
    /// </summary>
    public static void Save(ModelSaveContext ctx, ModelFormat format, Type componentType, Action<ModelWriter> body)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(componentType);
        ArgumentNullException.ThrowIfNull(body);
        MlNetInternals.CheckAtModel(ctx);
        // ML.NET's header reader needs an assembly name (or a string table) to validate the header. On load it
        // Assembly.Load()s it and scans it, harmlessly: registration is still explicit. The simple name keeps
        // models free of our assembly version; the format versions above handle compatibility.
        MlNetInternals.SetVersionInfo(ctx, format.ModelSignature, format.Version, format.VersionReadable,
            format.VersionWeCanReadBack, format.LoaderSignature, componentType.Assembly.GetName().Name);
        var writer = MlNetInternals.GetWriter(ctx);
        writer.Write(format.Version);
        body(new ModelWriter(ctx, format, writer));
    }

    /// <summary>
    /// Saves a named binary entry beside the main stream (e.g. the network weights) and records its length and
    /// hash in the main stream. Names are unique per component, case-insensitively, and contain no path separator.
    /// </summary>
    public void WriteStream(string name, Action<BinaryWriter> write)
    {
        CheckStreamName(name);
        ArgumentNullException.ThrowIfNull(write);
        if (!_streamNames.Add(name))
            throw new InvalidOperationException($"Binary entry '{name}' was already written by {Format}.");

        // Buffer first: the length and hash go into the main stream before the entry is parsed on load.
        using var buffer = new MemoryStream();
        using (var bw = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            write(bw);
            bw.Flush();
        }
        var bytes = buffer.GetBuffer().AsMemory(0, checked((int)buffer.Length));
        Writer.Write(buffer.Length);
        Writer.Write(SHA256.HashData(bytes.Span));
        MlNetInternals.SaveBinaryStream(_ctx, name, w => w.Write(bytes.Span));
    }

    internal static void CheckStreamName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.IndexOfAny(['/', '\\']) >= 0 || name.Equals("Model.key", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"'{name}' is not a valid binary entry name.", nameof(name));
    }
}
