namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>One utterance as a data-view row; the schema definition maps it to <see cref="ConversationColumns"/> names.</summary>
internal sealed class CommunityUtteranceRow
{
    public string DialogueId { get; set; } = "";
    public int Turn { get; set; }
    public string Speaker { get; set; } = "";
    public string Label { get; set; } = "";
    public int LabelIndex { get; set; }
    public string Utterance { get; set; } = "";
    public float[] Text { get; set; } = [];
    public float[] Audio { get; set; } = [];
    public float[] Visual { get; set; } = [];
}
