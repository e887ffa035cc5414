using ElrGnn.MLNet.Hosting;
using Microsoft.Extensions.Primitives;
using Microsoft.ML;

namespace ElrGnn.WebApi;

/// <summary>Serves the default model file, training it first when it is not on disk yet (first start).</summary>
internal sealed class TrainingFileLoader(string path, ILogger<TrainingFileLoader> logger) : ConversationModelLoader, IDisposable
{
    private readonly FileConversationModelLoader _file = Watch(path);

    public override string Source => _file.Source;

    public override ITransformer Load(MLContext mlContext, out DataViewSchema inputSchema)
    {
        if (!File.Exists(_file.Path))
        {
            logger.LogInformation("No --model given and no {Path} yet: training ELR-GNN on the synthetic conversations ({Epochs} epochs).",
                _file.Path, DefaultModel.Epochs);
            DefaultModel.Train(_file.Path);
        }
        return _file.Load(mlContext, out inputSchema);
    }

    public override IChangeToken GetReloadToken() => _file.GetReloadToken();

    public void Dispose() => _file.Dispose();

    // The folder must exist before it can be watched.
    private static FileConversationModelLoader Watch(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        return new FileConversationModelLoader(path, watchForChanges: true);
    }
}
