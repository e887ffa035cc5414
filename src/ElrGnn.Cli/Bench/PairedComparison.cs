namespace ElrGnn.Cli.Bench;

/// <summary>
/// Run <see cref="A"/> against run <see cref="B"/> on the same seeds: the mean of the per-seed differences of test weighted
/// F1 (a − b, a fraction like <c>weighted_f1_mean</c>) with a 95 % Student-t interval on those differences. The verdict is
/// "better" when the whole interval is above 0, "worse" when it is below, otherwise "tie" (also with fewer than two pairs,
/// when no interval exists). A seed-independent run (one deterministic fit) is paired with every seed of the other run.
/// </summary>
/// <param name="A">First run's name.</param>
/// <param name="B">Second run's name.</param>
/// <param name="MeanDifference">Mean of a − b over the paired seeds.</param>
/// <param name="Ci95Low">Lower end of the 95 % interval (null with fewer than two pairs).</param>
/// <param name="Ci95High">Upper end of the 95 % interval (null with fewer than two pairs).</param>
/// <param name="Seeds">The paired seeds.</param>
internal sealed record PairedComparison(string A, string B, double MeanDifference, double? Ci95Low, double? Ci95High, IReadOnlyList<int> Seeds)
{
    /// <summary>Verdict when the interval lies above 0.</summary>
    public const string Better = "better";

    /// <summary>Verdict when the interval lies below 0.</summary>
    public const string Worse = "worse";

    /// <summary>Verdict when the interval contains 0 or does not exist.</summary>
    public const string Tie = "tie";

    /// <summary>"better", "worse" or "tie".</summary>
    public string Verdict => Ci95Low > 0 ? Better : Ci95High < 0 ? Worse : Tie;

    /// <summary>Compares two runs' test weighted F1 on their common seeds.</summary>
    /// <exception cref="InvalidOperationException">The runs share no seed.</exception>
    public static PairedComparison Of(RunResult a, RunResult b) =>
        TryOf(a, b) ?? throw new InvalidOperationException($"Runs '{a.Run.Name}' and '{b.Run.Name}' share no seed.");

    /// <summary>Compares two runs' test weighted F1 on their common seeds; null when they share none.</summary>
    public static PairedComparison? TryOf(RunResult a, RunResult b)
    {
        if (a.Seeds.Count == 0 || b.Seeds.Count == 0)
            return null;
        var pairs = Pairs(a, b);
        return pairs.Count == 0 ? null
            : Of(a.Run.Name, b.Run.Name, pairs.Select(p => p.Seed).ToArray(), pairs.Select(p => p.A - p.B).ToArray());
    }

    /// <summary>The comparison from per-seed differences a − b.</summary>
    public static PairedComparison Of(string a, string b, IReadOnlyList<int> seeds, IReadOnlyList<double> differences)
    {
        int n = differences.Count;
        double mean = differences.Average();
        if (n < 2)
            return new(a, b, mean, null, null, seeds);
        double sd = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (n - 1));
        double half = StudentT.Quantile975(n - 1) * sd / Math.Sqrt(n);
        return new(a, b, mean, mean - half, mean + half, seeds);
    }

    private static List<(int Seed, double A, double B)> Pairs(RunResult a, RunResult b) =>
        [.. SeedPairs(a, b).Select(p => (p.Seed, p.A.WeightedF1, p.B.WeightedF1))];

    /// <summary>The seeds two runs are compared on and each run's result for them; a seed-independent run's one fit is
    /// paired with every seed of the other run.</summary>
    public static List<(int Seed, SeedResult A, SeedResult B)> SeedPairs(RunResult a, RunResult b)
    {
        if (a.Seeds.Count == 0 || b.Seeds.Count == 0)
            return [];
        if (a.Run.SeedIndependent && b.Run.SeedIndependent)
            return [(a.Seeds[0].Seed, a.Seeds[0], b.Seeds[0])];
        if (b.Run.SeedIndependent)
            return [.. a.Seeds.Select(s => (s.Seed, s, b.Seeds[0]))];
        if (a.Run.SeedIndependent)
            return [.. b.Seeds.Select(s => (s.Seed, a.Seeds[0], s))];
        var other = b.Seeds.ToDictionary(s => s.Seed);
        return [.. a.Seeds.Where(s => other.ContainsKey(s.Seed)).Select(s => (s.Seed, s, other[s.Seed]))];
    }
}
