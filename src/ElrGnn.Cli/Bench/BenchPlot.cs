using System.Globalization;
using ScottPlot;

namespace ElrGnn.Cli.Bench;

/// <summary>comparison.png: test weighted F1 (mean ± sd over seeds) of every run, with its median epoch time.</summary>
internal static class BenchPlot
{
    /// <summary>Draws the runs as horizontal bars, the first run on top.</summary>
    public static void Comparison(string path, BenchReport report)
    {
        var runs = report.Runs.Where(r => r.Seeds.Count > 0).ToArray();
        var plot = new Plot();
        var bars = new List<Bar>();
        for (int i = 0; i < runs.Length; i++)
        {
            var run = runs[i];
            double y = runs.Length - 1 - i;
            var color = run.Run.Name == "elrgnn" ? Colors.DarkOrange : run.Run.Kind == BenchRunKind.Network ? Colors.SteelBlue : Colors.Gray;
            double sd = run.WeightedF1Sd ?? 0;
            bars.Add(new Bar { Position = y, Value = run.WeightedF1Mean * 100, Error = sd * 100, FillColor = color });
            string seconds = run.EpochSecondsMedian is { } s ? string.Create(CultureInfo.InvariantCulture, $", {s:F2} s/epoch") : "";
            string seeds = run.Seeds.Count == 1 ? " (1 seed)" : "";
            var label = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"{run.WeightedF1Mean * 100:F1}{seeds}{seconds}"),
                run.WeightedF1Mean * 100 + sd * 100 + 0.5, y);
            label.LabelAlignment = Alignment.MiddleLeft;
            label.LabelFontSize = 12;
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        var ticks = Enumerable.Range(0, runs.Length).Select(i => (double)(runs.Length - 1 - i)).ToArray();
        plot.Axes.Left.SetTicks(ticks, [.. runs.Select(r => r.Run.Name)]);
        double top = runs.Length == 0 ? 100 : runs.Max(r => (r.WeightedF1Mean + (r.WeightedF1Sd ?? 0)) * 100);
        plot.Axes.SetLimits(0, Math.Min(100, top + 25), -0.7, runs.Length - 0.3);
        plot.XLabel(string.Create(CultureInfo.InvariantCulture, $"test weighted F1 (%), mean ± sd over up to {report.Seeds.Count} seed(s) (deterministic runs: 1)"));
        plot.Title($"{report.Dataset}: {report.Features}", size: 13); // long feature descriptions must fit 1000 px
        plot.SavePng(path, 1000, 120 + 42 * Math.Max(runs.Length, 3));
    }
}
