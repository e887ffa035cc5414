namespace ElrGnn.MLNet.Training;

/// <summary>
/// Seeds of a training run. Every random stream is re-derived from (seed, epoch, purpose) at the start of its epoch,
/// so a run resumed from a checkpoint draws exactly the shuffles, dropout masks and DropNode masks of an
/// uninterrupted run without saving any generator state.
/// </summary>
internal static class Seeding
{
    /// <summary>What a derived seed is used for.</summary>
    internal enum Purpose
    {
        /// <summary>Weight initialisation (torch's default generator, before the network is built).</summary>
        Initialization = 1,

        /// <summary>Torch's default generator during an epoch: dropout and DropNode.</summary>
        Torch = 2,

        /// <summary>System.Random for the epoch's conversation order.</summary>
        Shuffle = 3,
    }

    /// <summary>The run seed: the options' seed, else the context's, else a fresh random one.</summary>
    /// <param name="optionSeed">Options.Seed.</param>
    /// <param name="contextSeed">The MLContext seed, if any.</param>
    /// <returns>The seed.</returns>
    public static int Resolve(int? optionSeed, int? contextSeed) => optionSeed ?? contextSeed ?? Random.Shared.Next();

    /// <summary>A 63-bit seed for one purpose and epoch (SplitMix64 finaliser of the packed inputs).</summary>
    /// <param name="seed">Run seed.</param>
    /// <param name="epoch">0-based epoch (0 for initialisation).</param>
    /// <param name="purpose">Purpose.</param>
    /// <returns>A non-negative seed.</returns>
    public static long Derive(int seed, int epoch, Purpose purpose)
    {
        ulong z = ((ulong)(uint)seed << 32) ^ ((ulong)(uint)epoch << 8) ^ (ulong)purpose;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (long)(z >> 1);
    }

    /// <summary>The System.Random that orders the epoch's conversations (see <c>ConversationBatchPlan</c>).</summary>
    /// <param name="seed">Run seed.</param>
    /// <param name="epoch">0-based epoch.</param>
    /// <returns>A seeded generator.</returns>
    public static Random ShuffleRandom(int seed, int epoch) => new(unchecked((int)Derive(seed, epoch, Purpose.Shuffle)));
}
