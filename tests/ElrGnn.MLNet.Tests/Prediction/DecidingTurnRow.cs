namespace ElrGnn.MLNet.Tests.Prediction;

/// <summary>One utterance of the deciding-turn task (vector size set by <see cref="DecidingTurnModel.Schema"/>).</summary>
public sealed class DecidingTurnRow
{
    public string DialogueId { get; set; } = "";

    public int Turn { get; set; }

    public string Speaker { get; set; } = "";

    public string Label { get; set; } = "";

    public float[] Text { get; set; } = [];

    /// <summary>Hidden: the turn that decides this utterance's label (-1 for a conversation's first turn).</summary>
    [Microsoft.ML.Data.NoColumn]
    public int DecidingTurn { get; set; }
}
