using ElrGnn.MLNet.Prediction;

namespace ElrGnn.MLNet.Hosting;

/// <summary>
/// A loan of one model version from a <see cref="ConversationPredictorPool{TInput,TOutput}"/>: while it is not disposed
/// the version stays usable even if a reload replaces it. Dispose it (once) when the request is done.
/// </summary>
/// <typeparam name="TInput">Row type of the model's input.</typeparam>
/// <typeparam name="TOutput">Row type read back.</typeparam>
public sealed class ConversationModelLease<TInput, TOutput> : IDisposable
    where TInput : class
    where TOutput : class, new()
{
    private int _returned;

    internal ConversationModelLease(ConversationModel<TInput, TOutput> model) => Model = model;

    /// <summary>The leased model version.</summary>
    public ConversationModel<TInput, TOutput> Model { get; }

    /// <summary>The leased version's predictor.</summary>
    public ConversationPredictor<TInput, TOutput> Predictor => Model.Predictor;

    /// <summary>Returns the lease; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0)
            Model.Release();
    }
}
