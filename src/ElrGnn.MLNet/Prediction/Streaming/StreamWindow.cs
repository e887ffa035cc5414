namespace ElrGnn.MLNet.Prediction.Streaming;

/// <summary>
/// The suffix of a stream's prefix that the newest turn's output reads: turns <see cref="First"/>..t, their local
/// speaker indices, and Π's row t (global columns) when the GFP branch is on.
/// </summary>
internal sealed record StreamWindow(int First, int[] Speakers, (int[] Columns, float[] Weights)? PropagationRow)
{
    /// <summary>Number of nodes R = t − First + 1.</summary>
    public int Length => Speakers.Length;
}
