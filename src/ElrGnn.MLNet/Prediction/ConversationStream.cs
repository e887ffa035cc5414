using ElrGnn.MLNet.Prediction.Streaming;

namespace ElrGnn.MLNet.Prediction;

/// <summary>
/// One conversation scored as it happens: <see cref="Add"/> a turn and get that turn's emotion given the turns so
/// far (past-only context; the full-conversation scores of <see cref="ConversationPredictor{TInput,TOutput}"/> also use
/// later turns). The result equals scoring the history with <see cref="ConversationPredictor{TInput,TOutput}.Predict"/>
/// and taking the last row (up to float rounding, ≈1e-6). Thread-safe: one stream serialises its own turns;
/// different streams run concurrently.
/// </summary>
/// <remarks>
/// <para><b>Cost per turn.</b> With a single-layer Bi-LSTM encoder (the default, per modality or concatenated) a turn
/// costs what its context window needs, not what the history holds: one forward LSTM step from the cached state, the
/// backward LSTM over the R most recent turns the graph branches read (R ≤ max(2·p·L, N_ord·Δ) + 1: speaker window p,
/// L speaker-graph layers, GFP order N_ord and the propagation graph's longest edge Δ; R = 1 with both graph branches
/// off), Π's newest row pushed from one source, and the graph branches, AIM and classifier on those R nodes. The
/// transforms before the model run on the new row only and those after it on the one output row.</para>
/// <para><b>Fallback.</b> Encoders with more than one LSTM layer and the Transformer encoder let every turn change the
/// newest turn's output, and models the stream cannot take apart (no <c>ElrGnnTransformer</c> in the chain) cannot
/// run the network alone: for these each turn rescores the whole history (O(n) for the n-th turn).</para>
/// <para><b>Rebuilding.</b> A service that keeps only the turns can rebuild a stream with
/// <see cref="ConversationPredictor{TInput,TOutput}.StartConversation(IEnumerable{TInput})"/>; the next turn then scores
/// as it would have on the original stream.</para>
/// </remarks>
/// <typeparam name="TInput">Row type of the model's input.</typeparam>
/// <typeparam name="TOutput">Row type read back.</typeparam>
public sealed class ConversationStream<TInput, TOutput>
    where TInput : class
    where TOutput : class, new()
{
    private static long s_nextId;

    private readonly ConversationPredictor<TInput, TOutput> _predictor;
    private readonly StreamingPipeline<TInput, TOutput>? _streaming;
    private readonly StreamCache? _cache;
    private readonly List<TInput> _history = [];

    internal ConversationStream(ConversationPredictor<TInput, TOutput> predictor, StreamingPipeline<TInput, TOutput>? streaming)
    {
        _predictor = predictor;
        _streaming = streaming;
        _cache = streaming is null ? null : new StreamCache(streaming.Network.LstmCount);
    }

    /// <summary>The turns added so far.</summary>
    public IReadOnlyList<TInput> History
    {
        get { lock (Gate) return _history.ToArray(); }
    }

    /// <summary>Serialises this stream's turns (batched calls take several streams' gates in <see cref="Id"/> order).</summary>
    internal Lock Gate { get; } = new();

    /// <summary>Creation order, for taking several gates without deadlock.</summary>
    internal long Id { get; } = Interlocked.Increment(ref s_nextId);

    /// <summary>The predictor that started the stream.</summary>
    internal ConversationPredictor<TInput, TOutput> Predictor => _predictor;

    /// <summary>The incremental path, or null when each turn reruns the whole history.</summary>
    internal StreamingPipeline<TInput, TOutput>? Streaming => _streaming;

    /// <summary>The work the last successful turn took (null before the first).</summary>
    internal StreamWork? LastTurnWork { get; private set; }

    /// <summary>Adds the next turn (it must belong to the same conversation and come after the previous ones)
    /// and returns its prediction given the history.</summary>
    /// <param name="utterance">The next turn.</param>
    /// <returns>The newest turn's prediction.</returns>
    /// <exception cref="Data.ConversationDataException">The turn is bad (NaN or wrong-width features, another
    /// conversation, not after the previous turn); the stream is unchanged and stays usable.</exception>
    public TOutput Add(TInput utterance)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        lock (Gate)
            return _streaming is null ? AddByRerun(utterance) : StreamBatch.Run([(this, utterance)])[0];
    }

    /// <summary>Reads and checks the next turn without changing the stream (caller holds <see cref="Gate"/>).</summary>
    internal (StreamTurn Turn, Microsoft.ML.IDataView View) Prepare(TInput utterance)
    {
        var (turn, view) = _streaming!.Read(utterance);
        var cache = _cache!;
        if (cache.ConversationId is { } id && id != turn.ConversationId)
            throw new Data.ConversationDataException($"this stream is conversation '{id}'; a turn of another conversation cannot be added to it.",
                _streaming.Columns.ConversationId, turn.ConversationId, turn.Turn);
        if (cache.Count > 0 && turn.Turn <= cache.Turns[^1])
            throw new Data.ConversationDataException($"turn {turn.Turn} does not come after turn {cache.Turns[^1]}, the stream's previous turn.",
                _streaming.Columns.Turn, turn.ConversationId, turn.Turn);
        return (turn, view);
    }

    /// <summary>The stream's cache (caller holds <see cref="Gate"/>).</summary>
    internal StreamCache Cache => _cache!;

    /// <summary>Records a scored turn (caller holds <see cref="Gate"/>).</summary>
    internal void Commit(TInput utterance, StreamStep step)
    {
        step.CommitTo(_cache!);
        _history.Add(utterance);
        LastTurnWork = step.Work;
    }

    /// <summary>Fills the history (and the cache, in one pass) of a fresh stream.</summary>
    internal void Warm(IReadOnlyList<TInput> history)
    {
        lock (Gate)
        {
            if (_streaming is not null)
                _streaming.Network.Warm(_cache!, _streaming.ReadHistory(history));
            _history.AddRange(history);
        }
    }

    /// <summary>The fallback: rescore the whole history and take its last row (caller holds <see cref="Gate"/>).</summary>
    internal TOutput AddByRerun(TInput utterance)
    {
        _history.Add(utterance);
        try
        {
            var result = _predictor.Predict(_history)[^1];
            LastTurnWork = new StreamWork(0, _history.Count, Incremental: false);
            return result;
        }
        catch
        {
            _history.RemoveAt(_history.Count - 1);
            throw;
        }
    }
}
