namespace ElrGnn.Cli.Bench;

/// <summary>The two-sided 95 % quantile of Student's t distribution, for confidence intervals over a handful of seeds.</summary>
internal static class StudentT
{
    // t_{0.975, ν} for ν = 1..30 (standard tables; checked against a numerical integration of the density to 1e-6).
    private static readonly double[] Table =
    [
        12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
        2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
        2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
    ];

    /// <summary>t such that P(|T| ≤ t) = 0.95 for <paramref name="degreesOfFreedom"/> ≥ 1 degrees of freedom.</summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom <= Table.Length)
            return Table[degreesOfFreedom - 1];
        // Cornish–Fisher expansion around the normal quantile: exact to 1e-6 from ν = 29 on.
        const double z = 1.959963984540054;
        double v = degreesOfFreedom, z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
            + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v);
    }
}
