using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

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

    // MKL_CBWR_AUTO: conditional numerical reproducibility on the best code path of this CPU.
    private const int MklCbwrAuto = 2;

    /// <summary>True when MKL's conditional numerical reproducibility (CNR, "AUTO" branch) was switched on.</summary>
    public static bool ReproducibleBlas { get; private set; }

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "MKL accepts the reproducibility mode only before its first call, i.e. before any torch use.")]
    internal static void RequestReproducibleBlasOnLoad() => ReproducibleBlas = TryEnableReproducibleBlas();

    /// <summary>
    /// Asks libtorch's MKL for reproducible results (same as the environment variable MKL_CBWR=AUTO). Skipped when the
    /// user set MKL_CBWR or ELRGNN_REPRODUCIBLE_BLAS=0, and a no-op on builds without MKL.
    /// </summary>
    private static unsafe bool TryEnableReproducibleBlas()
    {
        if (Environment.GetEnvironmentVariable("ELRGNN_REPRODUCIBLE_BLAS") == "0" || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MKL_CBWR")))
            return false;
        string library = OperatingSystem.IsWindows() ? "torch_cpu.dll" : OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : "libtorch_cpu.so";
        try
        {
            if (!NativeLibrary.TryLoad(library, typeof(torch).Assembly, null, out var handle)
                || !NativeLibrary.TryGetExport(handle, "mkl_serv_cbwr_set", out var set))
                return false;
            return ((delegate* unmanaged<int, int>)set)(MklCbwrAuto) == 0;
        }
        catch (Exception e) when (e is BadImageFormatException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
