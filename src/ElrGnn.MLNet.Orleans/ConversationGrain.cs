using Orleans.Runtime;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Hosting;
using Microsoft.Extensions.Options;

namespace ElrGnn.MLNet.Orleans;

/// <summary>
/// One live conversation. Its state (the turn history) is persisted in grain storage <see cref="StorageName"/>; the
/// scoring stream is an in-memory cache rebuilt from the history after reactivation (e.g. on another silo after one
/// died). Scores through the silo's shared <see cref="ConversationPredictorPool{TInput,TOutput}"/> and
/// <see cref="ConversationTurnBatcher{TInput,TOutput}"/>, so turns of conversations on the same silo are batched.
/// </summary>
public sealed class ConversationGrain : Grain, IConversationGrain
{
    /// <summary>The grain storage provider the history is kept in.</summary>
    public const string StorageName = "conversations";

    private readonly IPersistentState<ConversationHistory> _state;
    private readonly ConversationPredictorPool<ConversationTurnInput, ConversationTurnOutput> _pool;
    private readonly ConversationTurnBatcher<ConversationTurnInput, ConversationTurnOutput> _batcher;
    private readonly string _modelName;
    private LiveConversation<ConversationTurnInput, ConversationTurnOutput>? _live;

    /// <summary>Created by Orleans.</summary>
    public ConversationGrain([PersistentState("history", StorageName)] IPersistentState<ConversationHistory> state,
        ConversationPredictorPool<ConversationTurnInput, ConversationTurnOutput> pool,
        ConversationTurnBatcher<ConversationTurnInput, ConversationTurnOutput> batcher,
        IOptions<LiveConversationOptions> options)
    {
        _state = state;
        _pool = pool;
        _batcher = batcher;
        _modelName = options.Value.ModelName;
    }

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<LiveTurnResult> AddTurnAsync(LiveTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var turns = _state.State.Turns;
        int? previous = turns.Count > 0 ? turns[^1].Turn : null;
        int number = turn.Turn ?? (previous + 1 ?? 0);
        if (number <= previous)
        {
            return Refuse("turn", $"conversation '{Id}' turn {number}: turns must grow; the previous turn is {previous}.", number);
        }
        var model = _pool.GetModel(_modelName);
        if (TurnValidation.Check(Id, number, turn, model.Info) is { } problem)
            return new LiveTurnResult { Problem = problem };

        var stored = new LiveTurn { Turn = number, Speaker = turn.Speaker, Text = turn.Text, Features = turn.Features };
        _live ??= new LiveConversation<ConversationTurnInput, ConversationTurnOutput>(_pool, _batcher, _modelName,
            turns.Select(t => Input(t, model)));
        ConversationTurnOutput output;
        try
        {
            output = await _live.AddTurnAsync(Input(stored, model));
        }
        catch (ConversationDataException e)
        {
            return Refuse(e.Column ?? "turn", $"conversation '{Id}' turn {number}: {e.Message}", number);
        }
        turns.Add(stored);
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            // Not stored, so not kept: the cache is rebuilt from the stored history on the next turn.
            turns.RemoveAt(turns.Count - 1);
            _live = null;
            throw;
        }
        return new LiveTurnResult { Prediction = TurnPrediction.From(Id, number, turn.Speaker, output.Score, model.Info.LabelNames) };
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LiveTurn>> GetTurnsAsync() => Task.FromResult<IReadOnlyList<LiveTurn>>(_state.State.Turns.ToArray());

    /// <inheritdoc />
    public async Task<bool> EndAsync()
    {
        bool known = _state.State.Turns.Count > 0;
        if (known)
            await _state.ClearStateAsync();
        _state.State = new ConversationHistory();
        _live = null;
        DeactivateOnIdle();
        return known;
    }

    private ConversationTurnInput Input(LiveTurn turn, ConversationModel<ConversationTurnInput, ConversationTurnOutput> model) =>
        TurnValidation.FitToSchema(turn.ToInput(Id, turn.Turn ?? 0), model.InputSchema);

    private static LiveTurnResult Refuse(string field, string message, int turn) => new() { Problem = new TurnProblem(field, message, turn) };
}
