namespace ElrGnn.MLNet.Hosting.Tests;

/// <summary>Compares probability vectors of a live (streamed) turn with the full rerun of its prefix: the stream computes
/// only the turn's context window, so the two agree within float rounding, not bit for bit.</summary>
internal static class ScoreAssert
{
    /// <summary>The largest difference the library promises between a streamed turn and its prefix's rerun.</summary>
    public const float StreamTolerance = 1e-5f;

    public static void Close(float[] expected, float[] actual, string message = "")
    {
        Assert.HasCount(expected.Length, actual, message);
        for (int c = 0; c < expected.Length; c++)
            Assert.AreEqual(expected[c], actual[c], StreamTolerance, $"{message} class {c}");
    }
}
