using ElrGnn.MLNet.Persistence;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;
using Microsoft.ML;

namespace ElrGnn.MLNet.Hosting;

/// <summary>Loads a model zip from disk and, when watched, asks for a reload whenever the file changes.</summary>
public sealed class FileConversationModelLoader : ConversationModelLoader, IDisposable
{
    private readonly string _fileName;
    private readonly PhysicalFileProvider? _watcher;

    /// <summary>Creates a loader of <paramref name="path"/>.</summary>
    /// <param name="path">The model zip (written by <c>mlContext.Model.Save</c> or <c>elrgnn train</c>).</param>
    /// <param name="watchForChanges">Reload when the file is written, replaced or renamed onto.</param>
    public FileConversationModelLoader(string path, bool watchForChanges)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _fileName = System.IO.Path.GetFileName(Path);
        if (watchForChanges)
            _watcher = new PhysicalFileProvider(System.IO.Path.GetDirectoryName(Path)!);
    }

    /// <summary>The model zip's full path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override string Source => Path;

    /// <inheritdoc />
    /// <exception cref="FileNotFoundException">No file at <see cref="Path"/>.</exception>
    /// <exception cref="ModelFileException">The file is not a readable model.</exception>
    public override ITransformer Load(MLContext mlContext, out DataViewSchema inputSchema) =>
        ElrGnnComponents.Load(mlContext, Path, out inputSchema);

    /// <inheritdoc />
    public override IChangeToken GetReloadToken() => _watcher?.Watch(_fileName) ?? NullChangeToken.Singleton;

    /// <summary>Stops watching the file.</summary>
    public void Dispose() => _watcher?.Dispose();
}
