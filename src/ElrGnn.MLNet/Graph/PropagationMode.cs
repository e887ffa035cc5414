namespace ElrGnn.MLNet.Graph;

/// <summary>
/// Hop coefficients w_n of Π = Σ_{n=0}^{N_ord} w_n Pⁿ, as GRAND+ <c>prop_mode</c> (spec §2.3.1);
/// all are normalised to sum 1.
/// </summary>
public enum PropagationMode
{
    /// <summary>Personalized PageRank (default): w_n ∝ α(1 − α)ⁿ.</summary>
    Ppr = 0,

    /// <summary>Uniform average over hops: w_n ∝ 1.</summary>
    Average = 1,

    /// <summary>Only the last hop: w_{N_ord} = 1, all others 0.</summary>
    Single = 2,
}
