namespace ElrGnn.MLNet.Tests.Data;

/// <summary>An in-memory utterance row for reader tests (feature vectors are variable-size).</summary>
public sealed class UtteranceRow
{
    public string DialogueId { get; set; } = "";
    public int Turn { get; set; }
    public string Speaker { get; set; } = "";
    public string Label { get; set; } = "";
    public float[] Text { get; set; } = [];
    public float[] Audio { get; set; } = [];

    /// <summary>A row whose Text is [row position (set by the view), turn] and Audio [10 · turn], so tests can follow rows through the reader.</summary>
    public static UtteranceRow Make(string id, int turn, string speaker, string label) => new()
    {
        DialogueId = id,
        Turn = turn,
        Speaker = speaker,
        Label = label,
        Text = [0, turn],
        Audio = [10f * turn],
    };
}
