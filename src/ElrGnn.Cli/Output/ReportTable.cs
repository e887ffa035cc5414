using System.Globalization;
using ElrGnn.MLNet.Evaluation;
using Spectre.Console;

namespace ElrGnn.Cli.Output;

/// <summary>The metrics table printed by train and evaluate (per-class precision / recall / F1, then the averages).</summary>
internal static class ReportTable
{
    /// <summary>Builds the table for <paramref name="report"/>.</summary>
    public static Table Create(ClassificationReport report, string title)
    {
        var table = new Table().Title(title).Border(TableBorder.Rounded);
        table.AddColumn("class");
        table.AddColumn(new TableColumn("precision").RightAligned());
        table.AddColumn(new TableColumn("recall").RightAligned());
        table.AddColumn(new TableColumn("F1").RightAligned());
        table.AddColumn(new TableColumn("support").RightAligned());
        for (int k = 0; k < report.Labels.Count; k++)
        {
            table.AddRow(Markup.Escape(report.Labels[k]), Pct(report.PerClassPrecision[k]), Pct(report.PerClassRecall[k]),
                Pct(report.PerClassF1[k]), report.Support[k].ToString("N0", CultureInfo.InvariantCulture));
        }
        table.AddEmptyRow();
        string total = report.Total.ToString("N0", CultureInfo.InvariantCulture);
        table.AddRow("[bold]accuracy[/]", "", "", $"[bold]{Pct(report.Accuracy)}[/]", total);
        table.AddRow("[bold]macro F1[/]", "", "", $"[bold]{Pct(report.MacroF1)}[/]", total);
        table.AddRow("[bold]weighted F1[/]", "", "", $"[bold]{Pct(report.WeightedF1)}[/]", total);
        return table;
    }

    /// <summary>A share as a percentage with two decimals, e.g. 61.23%.</summary>
    public static string Pct(double value) => (value * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";
}
