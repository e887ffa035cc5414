namespace ElrGnn.MLNet.Orleans;

/// <summary>One live conversation (key = conversation id): add turns, get the newest turn's emotion.</summary>
[Alias("ElrGnn.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Adds the next turn and returns its emotion given the turns so far, or the problem that refused it.</summary>
    [Alias("AddTurn")]
    Task<LiveTurnResult> AddTurnAsync(LiveTurn turn);

    /// <summary>The turns so far.</summary>
    [Alias("GetTurns")]
    Task<IReadOnlyList<LiveTurn>> GetTurnsAsync();

    /// <summary>Forgets the conversation (state cleared, grain deactivated).</summary>
    /// <returns>False when the conversation had no turns (unknown).</returns>
    [Alias("End")]
    Task<bool> EndAsync();
}
