using ElrGnn.MLNet.Transforms;
using ElrGnn.MLNet.Prediction;
using Microsoft.ML;

namespace ElrGnn.MLNet.Hosting;

/// <summary>
/// One loaded version of a named model: its pipeline, input schema, facts and thread-safe predictor. A pool hands it
/// out through <see cref="ConversationModelLease{TInput,TOutput}"/>s; when a newer version replaces it, it is disposed
/// only after the last lease is returned, so requests in flight finish on the version they started with.
/// </summary>
/// <typeparam name="TInput">Row type of the model's input.</typeparam>
/// <typeparam name="TOutput">Row type read back.</typeparam>
public sealed class ConversationModel<TInput, TOutput>
    where TInput : class
    where TOutput : class, new()
{
    // One reference belongs to the pool while this is the current version; each lease holds one more.
    private int _references = 1;

    internal ConversationModel(string name, int version, MLContext mlContext, ITransformer transformer, DataViewSchema inputSchema)
    {
        Name = name;
        Version = version;
        MLContext = mlContext;
        Transformer = transformer;
        InputSchema = inputSchema;
        Info = ConversationModelInfo.From(transformer, inputSchema);
        Predictor = transformer.CreateConversationPredictor<TInput, TOutput>(mlContext, inputSchema);
        LoadedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>The model's name in the pool.</summary>
    public string Name { get; }

    /// <summary>1 for the first load, +1 for every reload.</summary>
    public int Version { get; }

    /// <summary>When this version was loaded (UTC).</summary>
    public DateTimeOffset LoadedAt { get; }

    /// <summary>The context the model was loaded in.</summary>
    public MLContext MLContext { get; }

    /// <summary>The loaded pipeline.</summary>
    public ITransformer Transformer { get; }

    /// <summary>The input schema saved with the model.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>What the model reads and predicts.</summary>
    public ConversationModelInfo Info { get; }

    /// <summary>The thread-safe predictor of this version.</summary>
    public ConversationPredictor<TInput, TOutput> Predictor { get; }

    /// <summary>True once the version was replaced and its last lease returned (its network is then disposed).</summary>
    public bool IsDisposed => Volatile.Read(ref _references) == 0;

    /// <summary>Takes a reference unless the version is already disposed.</summary>
    internal bool TryAcquire()
    {
        int current = Volatile.Read(ref _references);
        while (current > 0)
        {
            int seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
                return true;
            current = seen;
        }
        return false;
    }

    /// <summary>Returns a reference; the last one disposes the network.</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0)
            return;
        foreach (var step in TransformerSteps.Flatten(Transformer).OfType<IDisposable>())
            step.Dispose();
    }
}
