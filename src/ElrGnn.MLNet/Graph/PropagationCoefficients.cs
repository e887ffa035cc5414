namespace ElrGnn.MLNet.Graph;

/// <summary>
/// Hop coefficients w_0..w_{N_ord} of Π = Σ_n w_n Pⁿ, as GRAND+ computes them (spec §2.3.1):
/// <c>ppr</c> w_n ∝ α(1 − α)ⁿ, <c>avg</c> w_n ∝ 1, <c>single</c> only w_{N_ord} = 1; then normalised
/// to sum 1. With <see cref="DilationMode.HopOrders"/> (spec option B) orders n with n mod δ ≠ 0
/// are zeroed before the normalisation.
/// </summary>
public static class PropagationCoefficients
{
    /// <summary>Computes the coefficients.</summary>
    /// <param name="mode">Coefficient family (default <see cref="PropagationMode.Ppr"/>).</param>
    /// <param name="alpha">α ∈ (0, 1], used by <see cref="PropagationMode.Ppr"/> only (default 0.1).</param>
    /// <param name="order">N_ord ≥ 0 (default 6).</param>
    /// <param name="dilationMode">Masks hop orders when <see cref="DilationMode.HopOrders"/> (default <see cref="DilationMode.DilatedEdges"/>: no mask).</param>
    /// <param name="dilation">δ ≥ 1, used by <see cref="DilationMode.HopOrders"/> only (default 4).</param>
    /// <returns>An array of length N_ord + 1 that sums to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range, or the mask leaves no nonzero coefficient.</exception>
    public static double[] Compute(PropagationMode mode, double alpha = GraphDefaults.Alpha, int order = GraphDefaults.Order,
        DilationMode dilationMode = GraphDefaults.DilationMode, int dilation = GraphDefaults.Dilation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        ArgumentOutOfRangeException.ThrowIfLessThan(dilation, 1);
        if (!Enum.IsDefined(dilationMode))
            throw new ArgumentOutOfRangeException(nameof(dilationMode), dilationMode, "Unknown dilation mode.");

        var w = new double[order + 1];
        switch (mode)
        {
            case PropagationMode.Ppr:
                if (!(alpha > 0 && alpha <= 1))
                    throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be in (0, 1].");
                w[0] = alpha;
                for (int n = 1; n <= order; n++)
                    w[n] = w[n - 1] * (1 - alpha);
                break;
            case PropagationMode.Average:
                Array.Fill(w, 1.0);
                break;
            case PropagationMode.Single:
                w[order] = 1.0;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown propagation mode.");
        }

        if (dilationMode == DilationMode.HopOrders)
        {
            for (int n = 0; n <= order; n++)
                if (n % dilation != 0) w[n] = 0;
        }

        double sum = 0;
        foreach (double x in w)
            sum += x;
        if (!(sum > 0))
            throw new ArgumentOutOfRangeException(nameof(order), order,
                $"No hop order survives: with {mode} and HopOrders, order must be a multiple of the dilation {dilation}.");
        for (int n = 0; n <= order; n++)
            w[n] /= sum;
        return w;
    }

    /// <summary>Computes the coefficients the options ask for.</summary>
    /// <param name="options">Graph options (validated here).</param>
    /// <returns>An array of length <see cref="ConversationGraphOptions.Order"/> + 1 that sums to 1.</returns>
    public static double[] FromOptions(ConversationGraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Compute(options.PropagationMode, options.Alpha, options.Order, options.DilationMode, options.Dilation);
    }
}
