using ElrGnn.MLNet.Prediction;

namespace ElrGnn.MLNet.Hosting;

/// <summary>
/// One live conversation in a service: its turn history (the source of truth, e.g. a grain's state) and a
/// <see cref="ConversationStream{TInput,TOutput}"/> kept as a cache. The cache is rebuilt from the history when the pool's
/// model version changed (reload) or the conversation was restored (<see cref="LiveConversation{TInput,TOutput}(ConversationPredictorPool{TInput,TOutput}, ConversationTurnBatcher{TInput,TOutput}, string, IEnumerable{TInput})"/>).
/// Turns are scored through the dynamic batcher, one at a time per conversation. Thread-safe.
/// </summary>
/// <typeparam name="TInput">Row type of the model's input.</typeparam>
/// <typeparam name="TOutput">Row type read back.</typeparam>
public sealed class LiveConversation<TInput, TOutput>
    where TInput : class
    where TOutput : class, new()
{
    private readonly ConversationPredictorPool<TInput, TOutput> _pool;
    private readonly ConversationTurnBatcher<TInput, TOutput> _batcher;
    private readonly string _modelName;
    private readonly List<TInput> _history;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConversationStream<TInput, TOutput>? _stream;
    private ConversationModel<TInput, TOutput>? _streamModel;

    /// <summary>Starts a conversation, or restores one from its <paramref name="history"/> (scored again lazily).</summary>
    /// <param name="pool">The service's pool.</param>
    /// <param name="batcher">The service's batcher.</param>
    /// <param name="modelName">The model to score with.</param>
    /// <param name="history">Turns so far, oldest first; none for a new conversation.</param>
    public LiveConversation(ConversationPredictorPool<TInput, TOutput> pool, ConversationTurnBatcher<TInput, TOutput> batcher,
        string modelName = ConversationPredictorPool<TInput, TOutput>.DefaultModelName, IEnumerable<TInput>? history = null)
    {
        _pool = pool ?? throw new ArgumentNullException(nameof(pool));
        _batcher = batcher ?? throw new ArgumentNullException(nameof(batcher));
        _modelName = modelName ?? throw new ArgumentNullException(nameof(modelName));
        _history = history?.ToList() ?? [];
    }

    /// <summary>The turns added so far, oldest first.</summary>
    public IReadOnlyList<TInput> History
    {
        get
        {
            _gate.Wait();
            try { return _history.ToArray(); }
            finally { _gate.Release(); }
        }
    }

    /// <summary>
    /// Adds the next turn and returns its prediction given the turns so far. A turn the model rejects is not kept
    /// (the exception says why) and the conversation stays as it was.
    /// </summary>
    public async Task<TOutput> AddTurnAsync(TInput turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var lease = _pool.Rent(_modelName);
            var stream = StreamFor(lease.Model);
            var output = await _batcher.AddTurnAsync(lease.Model, stream, turn, CancellationToken.None).ConfigureAwait(false);
            _history.Add(turn);
            return output;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Caller holds _gate and a lease on model.
    private ConversationStream<TInput, TOutput> StreamFor(ConversationModel<TInput, TOutput> model)
    {
        if (_stream is not null && ReferenceEquals(_streamModel, model))
            return _stream;
        // After a reload or a reactivation the stream's cache is rebuilt from the history in one pass.
        var stream = model.Predictor.StartConversation(_history);
        (_stream, _streamModel) = (stream, model);
        return stream;
    }
}
