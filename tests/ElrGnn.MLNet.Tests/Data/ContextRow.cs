namespace ElrGnn.MLNet.Tests.Data;

/// <summary>A classification row for the context-gap test (vector size set by a schema definition).</summary>
public sealed class ContextRow
{
    public string Label { get; set; } = "";
    public float[] Features { get; set; } = [];
}
