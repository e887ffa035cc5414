using System.Globalization;
using Spectre.Console;

namespace ElrGnn.Cli.Bench;

/// <summary>The bench summary as a console table: one row per run, ELR-GNN's paired comparisons, then the targets, with
/// a caption naming where the figures that are not plain measurements come from.</summary>
internal static class BenchTable
{
    /// <summary>Builds the table.</summary>
    public static Table Create(BenchReport report)
    {
        var table = new Table().Title(Markup.Escape($"{report.Dataset}: {report.Features}"));
        table.AddColumns("run", "W-F1 % (mean ± sd)", "acc %", "macro-F1 %", "s/epoch", "GFLOP/s (analytic)");
        foreach (var run in report.Runs.Where(r => r.Seeds.Count > 0))
        {
            table.AddRow(
                Markup.Escape(run.Run.Name),
                run.WeightedF1Sd is { } sd
                    ? F($"{run.WeightedF1Mean * 100:F2} ± {sd * 100:F2} ({run.Seeds.Count} seeds)")
                    : F($"{run.WeightedF1Mean * 100:F2} (1 seed{(run.Run.SeedIndependent ? ", deterministic" : "")})"),
                F($"{run.AccuracyMean * 100:F2}"),
                F($"{run.MacroF1Mean * 100:F2}"),
                run.EpochSecondsMedian is { } s ? F($"{s:F3}") : "-",
                run.AchievedGflops is { } g ? F($"{g:F1}") : "-");
        }
        foreach (var c in report.Comparisons())
        {
            string interval = c.Ci95Low is { } low && c.Ci95High is { } high ? F($" [{low * 100:+0.00;-0.00}, {high * 100:+0.00;-0.00}]") : " (no interval)";
            string verdict = c.Verdict switch { PairedComparison.Better => "[green]better[/]", PairedComparison.Worse => "[red]worse[/]", _ => "[grey]tie[/]" };
            table.AddRow(Markup.Escape($"{c.A} − {c.B}"), F($"{c.MeanDifference * 100:+0.00;-0.00}") + interval, verdict,
                F($"{c.Seeds.Count} paired seeds"), "", "");
        }
        foreach (var target in report.Targets())
        {
            string verdict = target.Met switch { true => "[green]met[/]", false => "[red]missed[/]", _ => "[grey]reported[/]" };
            string value = target.Value is { } v ? F($"{v:G4}") : "-";
            string threshold = target.Threshold is { } t ? F($" (target {(target.AtLeast ? "≥" : "≤")} {t:G4})") : "";
            string interval = target.RequireIntervalAbove0 && target.IntervalLow is { } low ? F($", 95 % CI low {low:G3}") : "";
            table.AddRow(Markup.Escape(target.Name), Markup.Escape(value + interval + threshold), verdict, Markup.Escape(target.Source), "", "");
        }
        table.Caption(Markup.Escape(string.Join("; ", BenchReport.FigureSources
            .Where(f => f.Figure is "runs[].epoch_gflop" or "comparisons" or "inference_utterances_per_second")
            .Select(f => $"{f.Figure}: {f.Source}")) + ". Target thresholds: the issue in the source column."));
        return table;
    }

    private static string F(FormattableString value) => Markup.Escape(value.ToString(CultureInfo.InvariantCulture));
}
