using ElrGnn.MLNet.Prediction.Explanations;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Prediction;

/// <summary>
/// Predicts emotions for whole conversations with a fitted pipeline: give it the utterances of one or more
/// conversations (any order) and get one <typeparamref name="TOutput"/> per utterance, in input order, each scored
/// with its whole conversation as context. Thread-safe: one instance serves any number of concurrent callers.
/// </summary>
/// <remarks>
/// ML.NET's <c>PredictionEngine</c> maps one row at a time, so through it every utterance is a conversation of one
/// (no context). This predictor runs the pipeline's <c>Transform</c> on the utterances given together, which is what
/// ELR-GNN needs. Create it with <c>model.CreateConversationPredictor&lt;TIn, TOut&gt;(mlContext)</c>.
/// </remarks>
/// <typeparam name="TInput">Row type of the model's input (conversation id, turn, speaker, features or text).</typeparam>
/// <typeparam name="TOutput">Row type to read back (e.g. PredictedLabel and Score, plus any input columns).</typeparam>
public sealed class ConversationPredictor<TInput, TOutput>
    where TInput : class
    where TOutput : class, new()
{
    private readonly MLContext _mlContext;
    private readonly ITransformer _model;
    private readonly SchemaDefinition _inputDefinition;
    private readonly Lazy<ExplainablePipeline> _explainable;

    internal ConversationPredictor(MLContext mlContext, ITransformer model, DataViewSchema? inputSchema)
    {
        _mlContext = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _inputDefinition = InputDefinition(inputSchema);
        _explainable = new(() => ExplainablePipeline.From(model), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Scores the utterances of one or more conversations; results come in input order.</summary>
    /// <param name="utterances">Rows of one or more conversations, in any order.</param>
    /// <returns>One output per input row, same order.</returns>
    public IReadOnlyList<TOutput> Predict(IEnumerable<TInput> utterances)
    {
        ArgumentNullException.ThrowIfNull(utterances);
        var rows = utterances.ToList();
        if (rows.Count == 0)
            return [];
        var data = _mlContext.Data.LoadFromEnumerable(rows, _inputDefinition);
        var scored = _model.Transform(data);
        return _mlContext.Data.CreateEnumerable<TOutput>(scored, reuseRowObject: false, ignoreMissingColumns: true).ToList();
    }

    /// <summary>
    /// Explains the predictions for the utterances of one or more conversations: for each utterance, which other
    /// turns drove its predicted emotion (<see cref="UtteranceExplanation.TurnContributions"/>), and the full
    /// turn × turn contribution matrix per conversation.
    /// </summary>
    /// <remarks>
    /// Occlusion (leave one turn out): the contribution of turn j to utterance i is
    /// p_i(ĉ_i | whole conversation) − p_i(ĉ_i | conversation without turn j), with ĉ_i the class predicted for i on
    /// the whole conversation and the graph Π rebuilt for the shorter conversation. The diagonal (i's own turn) is what
    /// the utterance says by itself: p_i(ĉ_i | utterance i alone) − 1/C, C the number of classes. Positive values
    /// support the prediction. A conversation of N utterances costs N extra forward passes of N − 1 utterances,
    /// batched together (not N pipeline calls); a conversation of one utterance has no context turns (an empty list,
    /// a 1 × 1 matrix).
    /// </remarks>
    /// <param name="utterances">Rows of one or more conversations, in any order.</param>
    /// <param name="top">Context turns to list per utterance (≥ 1). Default 3.</param>
    /// <returns>One explanation per conversation, in order of first appearance in the input.</returns>
    /// <exception cref="Data.ConversationDataException">Bad input (as <see cref="Predict"/> reports it).</exception>
    /// <exception cref="InvalidOperationException">The model has no ELR-GNN step.</exception>
    public IReadOnlyList<ConversationExplanation> Explain(IEnumerable<TInput> utterances, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(utterances);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var rows = utterances.ToList();
        if (rows.Count == 0)
            return [];
        var explainable = _explainable.Value;
        return explainable.Explain(_mlContext.Data.LoadFromEnumerable(rows, _inputDefinition), top);
    }

    /// <summary>
    /// Adds one turn to each of several live conversations and scores them together (one batch), as a serving
    /// system's dynamic batcher does. Equivalent to calling <see cref="ConversationStream{TInput,TOutput}.Add"/> on
    /// each stream; a stream may appear at most once per call.
    /// </summary>
    /// <remarks>Incremental streams (see <see cref="ConversationStream{TInput,TOutput}"/>) of the same model run their
    /// network steps in one batch; if any of their turns is bad, the exception names it and none of those streams
    /// changes. Streams on the full-rerun fallback are scored one after another.</remarks>
    /// <param name="turns">Pairs of a stream started by this predictor and its next turn.</param>
    /// <returns>The newest turn's prediction for each pair, in order.</returns>
    public IReadOnlyList<TOutput> AddTurns(IReadOnlyList<(ConversationStream<TInput, TOutput> Stream, TInput Turn)> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        if (turns.Any(t => t.Stream is not null && t.Stream.Predictor != this))
            throw new ArgumentException("Every stream must have been started by this predictor.", nameof(turns));
        return Streaming.StreamBatch.AddTurns(turns);
    }

    /// <summary>Starts a stream for one conversation: add turns one at a time and get the newest turn's emotion,
    /// given only the turns so far (past context).</summary>
    public ConversationStream<TInput, TOutput> StartConversation() =>
        new(this, Streaming.StreamingPipelines<TInput, TOutput>.For(this, _mlContext, _model, _inputDefinition));

    /// <summary>
    /// Rebuilds a stream from its history (e.g. after a service restart, or to move a conversation between servers):
    /// the turns so far, in turn order, warm the stream's cache in one pass; the next <c>Add</c> scores as it would
    /// have on a stream that saw every turn.
    /// </summary>
    /// <param name="history">The conversation's turns so far, in turn order (may be empty).</param>
    /// <returns>The stream, with <see cref="ConversationStream{TInput,TOutput}.History"/> = <paramref name="history"/>.</returns>
    /// <exception cref="Data.ConversationDataException">A turn is bad, the turns span several conversations or are out of order.</exception>
    public ConversationStream<TInput, TOutput> StartConversation(IEnumerable<TInput> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var stream = StartConversation();
        stream.Warm(history.ToList());
        return stream;
    }

    // Vector columns of TInput take their sizes from the model's input schema (arrays carry no size).
    private static SchemaDefinition InputDefinition(DataViewSchema? inputSchema)
    {
        var definition = SchemaDefinition.Create(typeof(TInput), SchemaDefinition.Direction.Read);
        if (inputSchema is null)
            return definition;
        foreach (var column in definition)
        {
            if (inputSchema.GetColumnOrNull(column.ColumnName) is { Type: VectorDataViewType { Size: > 0 } vector }
                && column.ColumnType is VectorDataViewType { Size: 0 } mine && mine.ItemType.Equals(vector.ItemType))
                column.ColumnType = vector;
        }
        return definition;
    }
}
