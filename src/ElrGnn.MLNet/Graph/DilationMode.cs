namespace ElrGnn.MLNet.Graph;

/// <summary>
/// What "dilated" means in the dilated generalized forward push (spec §2.3.2, [INF]: the paper's
/// definition could not be read, so both readings are available).
/// </summary>
public enum DilationMode
{
    /// <summary>
    /// Option A (default): push on a dilated conversation graph — local band 1 ≤ |i − j| ≤ w_loc,
    /// links at |i − j| = ℓ·δ for ℓ = 1..L, self-loops — so a few hops reach distant utterances.
    /// </summary>
    DilatedEdges = 0,

    /// <summary>
    /// Option B: push on the ordinary past/future window graph and keep only hop orders n with
    /// n mod δ = 0 (other coefficients set to 0, then renormalised).
    /// </summary>
    HopOrders = 1,
}
