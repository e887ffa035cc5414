namespace ElrGnn.MLNet.Prediction;

/// <summary>
/// One conversation scored as it happens: <see cref="Add"/> a turn and get that turn's emotion given the turns so
/// far (past-only context; the full-conversation scores of <see cref="ConversationPredictor{TInput,TOutput}"/> also use
/// later turns). Thread-safe; each call rescores the history, which for conversations of tens of turns is cheap.
/// </summary>
/// <typeparam name="TInput">Row type of the model's input.</typeparam>
/// <typeparam name="TOutput">Row type read back.</typeparam>
public sealed class ConversationStream<TInput, TOutput>
    where TInput : class
    where TOutput : class, new()
{
    private readonly ConversationPredictor<TInput, TOutput> _predictor;
    private readonly List<TInput> _history = [];
    private readonly Lock _gate = new();

    internal ConversationStream(ConversationPredictor<TInput, TOutput> predictor) => _predictor = predictor;

    /// <summary>The turns added so far.</summary>
    public IReadOnlyList<TInput> History
    {
        get { lock (_gate) return _history.ToArray(); }
    }

    /// <summary>Adds the next turn (it must belong to the same conversation and come after the previous ones)
    /// and returns its prediction given the history.</summary>
    public TOutput Add(TInput utterance)
    {
        ArgumentNullException.ThrowIfNull(utterance);
        lock (_gate)
        {
            _history.Add(utterance);
            try
            {
                return _predictor.Predict(_history)[^1];
            }
            catch
            {
                _history.RemoveAt(_history.Count - 1);
                throw;
            }
        }
    }
}
