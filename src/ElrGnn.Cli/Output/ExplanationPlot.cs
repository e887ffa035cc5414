using System.Globalization;
using ElrGnn.MLNet.Prediction;
using ScottPlot;

namespace ElrGnn.Cli.Output;

/// <summary>The turn × turn heat map of one conversation's explanation (<c>elrgnn predict --explain</c>).</summary>
internal static class ExplanationPlot
{
    /// <summary>The file name for a conversation: <c>explain-&lt;dialogue_id&gt;.png</c>, characters a file name cannot hold replaced by '_'.</summary>
    public static string FileName(string dialogueId)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(dialogueId.Select(ch => invalid.Contains(ch) || ch == '\\' ? '_' : ch).ToArray());
        return $"explain-{safe}.png";
    }

    /// <summary>
    /// Rows = explained utterance (first turn on top), columns = contributing turn; red cells support the row's predicted
    /// emotion, blue cells argue against it, with a symmetric colour range so white is exactly zero.
    /// </summary>
    public static void Write(string path, ConversationExplanation explanation)
    {
        int n = explanation.Turns.Count;
        var values = new double[n, n];
        double largest = 1e-6;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                values[i, j] = explanation.Contributions[i][j];
                largest = Math.Max(largest, Math.Abs(values[i, j]));
            }
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.ManualRange = new ScottPlot.Range(-largest, largest);
        heatmap.Position = new CoordinateRect(-0.5, n - 0.5, -0.5, n - 0.5);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "contribution to p(predicted emotion)";

        // Label at most ~25 ticks per axis so long conversations stay readable.
        int step = Math.Max(1, (n + 24) / 25);
        var positions = Enumerable.Range(0, n).Where(k => k % step == 0).ToArray();
        plot.Axes.Bottom.SetTicks(positions.Select(k => (double)k).ToArray(),
            positions.Select(k => explanation.Turns[k].ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Left.SetTicks(positions.Select(k => (double)(n - 1 - k)).ToArray(),
            positions.Select(k => RowLabel(explanation, k)).ToArray());
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.HideGrid();
        plot.XLabel("contributing turn");
        plot.YLabel("explained turn (predicted emotion)");
        plot.Title($"Turn contributions: {explanation.ConversationId}");
        int size = Math.Clamp(22 * n + 260, 480, 1800);
        plot.SavePng(path, size + 120, size);
    }

    private static string RowLabel(ConversationExplanation explanation, int k)
    {
        var u = explanation.Utterances[k];
        return string.Create(CultureInfo.InvariantCulture, $"{u.Turn} {u.Speaker}: {u.PredictedLabel}");
    }
}
