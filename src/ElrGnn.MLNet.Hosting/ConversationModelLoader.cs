using Microsoft.Extensions.Primitives;
using Microsoft.ML;

namespace ElrGnn.MLNet.Hosting;

/// <summary>
/// Where a pool gets a model from, and when it should load it again (the <c>ModelLoader</c> of
/// Microsoft.Extensions.ML, for conversation models).
/// </summary>
public abstract class ConversationModelLoader
{
    /// <summary>Says where the model comes from (for logs and health reports).</summary>
    public abstract string Source { get; }

    /// <summary>Loads the model into <paramref name="mlContext"/>.</summary>
    /// <param name="mlContext">A fresh context for this version.</param>
    /// <param name="inputSchema">The input schema saved with the model.</param>
    /// <returns>The loaded pipeline.</returns>
    public abstract ITransformer Load(MLContext mlContext, out DataViewSchema inputSchema);

    /// <summary>A token that fires when the model should be loaded again; one that never fires when not watched.</summary>
    public abstract IChangeToken GetReloadToken();
}
