namespace ElrGnn.MLNet.Tests.Data;

/// <summary>A row with a double turn, a double vector (Text) and a scalar float (Audio) feature.</summary>
public sealed class MixedTypeRow
{
    public string DialogueId { get; set; } = "";
    public double Turn { get; set; }
    public string Speaker { get; set; } = "";
    public string Label { get; set; } = "";
    public double[] Text { get; set; } = [];
    public float Audio { get; set; }
}
