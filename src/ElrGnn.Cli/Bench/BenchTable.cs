using System.Globalization;
using Spectre.Console;

namespace ElrGnn.Cli.Bench;

/// <summary>The bench summary as a console table: one row per run, then the targets.</summary>
internal static class BenchTable
{
    /// <summary>Builds the table.</summary>
    public static Table Create(BenchReport report)
    {
        var table = new Table().Title(Markup.Escape($"{report.Dataset}: {report.Features}"));
        table.AddColumns("run", "W-F1 % (mean ± sd)", "acc %", "macro-F1 %", "s/epoch", "GFLOP/s");
        foreach (var run in report.Runs.Where(r => r.Seeds.Count > 0))
        {
            table.AddRow(
                Markup.Escape(run.Run.Name),
                F($"{run.WeightedF1Mean * 100:F2} ± {run.WeightedF1Sd * 100:F2}"),
                F($"{run.AccuracyMean * 100:F2}"),
                F($"{run.MacroF1Mean * 100:F2}"),
                run.EpochSecondsMedian is { } s ? F($"{s:F3}") : "-",
                run.AchievedGflops is { } g ? F($"{g:F1}") : "-");
        }
        foreach (var target in report.Targets())
        {
            string verdict = target.Met switch { true => "[green]met[/]", false => "[red]missed[/]", _ => "[grey]reported[/]" };
            string value = target.Value is { } v ? F($"{v:G4}") : "-";
            string threshold = target.Threshold is { } t ? F($" (target {(target.AtLeast ? "≥" : "≤")} {t:G4})") : "";
            table.AddRow(Markup.Escape(target.Name), Markup.Escape(value + threshold), verdict, "", "", "");
        }
        return table;
    }

    private static string F(FormattableString value) => Markup.Escape(value.ToString(CultureInfo.InvariantCulture));
}
