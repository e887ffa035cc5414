using System.Globalization;
using ElrGnn.MLNet.Evaluation;
using ElrGnn.MLNet.Training;
using ScottPlot;

namespace ElrGnn.Cli.Output;

/// <summary>The run's PNG charts: an annotated confusion matrix and the training curves.</summary>
internal static class Plots
{
    /// <summary>Runs <paramref name="write"/>; a failure (e.g. no usable font or native Skia) is a warning, not a failed run.</summary>
    public static void TryWrite(Spectre.Console.IAnsiConsole console, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Spectre.Console.AnsiConsoleExtensions.MarkupLine(console, $"[yellow]warning:[/] could not draw the plots: {Spectre.Console.Markup.Escape(e.Message)}");
        }
    }

    /// <summary>
    /// Confusion matrix as a grid: rows = true class (top to bottom in label order), columns = predicted class; each
    /// cell shows the count and the share of its row, shaded by that share (so rare classes read as well as common ones).
    /// </summary>
    public static void Confusion(string path, ClassificationReport report, string title)
    {
        int c = report.Labels.Count;
        var plot = new Plot();
        var colormap = new ScottPlot.Colormaps.Blues();
        for (int t = 0; t < c; t++)
        {
            long rowTotal = 0;
            for (int p = 0; p < c; p++) rowTotal += report.Confusion[t, p];
            for (int p = 0; p < c; p++)
            {
                long count = report.Confusion[t, p];
                double share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                double y = c - 1 - t; // first label on top
                var cell = plot.Add.Rectangle(p - 0.5, p + 0.5, y - 0.5, y + 0.5);
                // ScottPlot's Blues runs from dark (0) to light (1): a full row share is the darkest cell.
                cell.FillColor = colormap.GetColor(0.97 - 0.8 * share);
                cell.LineColor = Colors.White;
                var text = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"{count}\n{share * 100:F0}%"), p, y);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = c > 8 ? 11 : 14;
                text.LabelFontColor = share > 0.5 ? Colors.White : Colors.Black;
            }
        }
        var ticks = Enumerable.Range(0, c).Select(k => (double)k).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, [.. report.Labels]);
        plot.Axes.Left.SetTicks(ticks, [.. report.Labels.Reverse()]);
        plot.Axes.SetLimits(-0.5, c - 0.5, -0.5, c - 0.5);
        plot.HideGrid();
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.Title(title);
        int size = Math.Clamp(90 * c + 160, 420, 1400);
        plot.SavePng(path, size, size);
    }

    /// <summary>Training loss (left axis) and validation weighted F1 (right axis, %) per epoch; a dashed line marks the kept epoch.</summary>
    public static void Curves(string path, IReadOnlyList<TrainingProgress> history, int bestEpoch)
    {
        var plot = new Plot();
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        var loss = plot.Add.ScatterLine(epochs, history.Select(h => h.TrainLoss).ToArray());
        loss.LegendText = "training loss";
        loss.LineWidth = 2;
        var withValidation = history.Where(h => h.ValidationWeightedF1 is not null).ToList();
        if (withValidation.Count > 0)
        {
            var f1 = plot.Add.ScatterLine(withValidation.Select(h => (double)h.Epoch).ToArray(),
                withValidation.Select(h => h.ValidationWeightedF1!.Value * 100).ToArray());
            f1.LegendText = "validation W-F1 (%)";
            f1.LineWidth = 2;
            f1.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "validation weighted F1 (%)";
        }
        if (bestEpoch > 0)
        {
            var best = plot.Add.VerticalLine(bestEpoch);
            best.LinePattern = LinePattern.Dashed;
            best.Color = Colors.Gray;
            best.LegendText = string.Create(CultureInfo.InvariantCulture, $"kept epoch {bestEpoch}");
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.XLabel("epoch");
        plot.YLabel("training loss");
        plot.Title("Training curves");
        plot.ShowLegend(Edge.Bottom); // outside the data area: the curves cross every corner
        plot.SavePng(path, 900, 500);
    }
}
