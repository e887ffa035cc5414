using System.Runtime.InteropServices;
using TorchSharp;

namespace ElrGnn.MLNet.Native;

/// <summary>
/// Sets libtorch's intra-op thread count for the calling thread only, for the length of a <c>using</c> block.
/// </summary>
/// <remarks>
/// <para><c>torch.set_num_threads</c> is process-wide (it also sets libtorch's global default and MKL's global
/// count), so two scoring threads calling it would fight each other and a concurrent training run. In libtorch's
/// OpenMP build the count a parallel region uses is OpenMP's per-thread <c>nthreads-var</c>, and MKL has a
/// thread-local override (<c>mkl_set_num_threads_local</c>); this sets both on the calling thread and restores
/// them on dispose.</para>
/// <para>Why inference wants this: with 2 cores, two callers each using 2 intra-op threads oversubscribe, and a
/// result computed with one thread count need not equal one computed with another. Scoring with a fixed count
/// (1) per batch makes results independent of how many batches run at once, and the parallelism comes from
/// running independent batches on several .NET threads.</para>
/// <para>libtorch initialises a thread's OpenMP count lazily on its first parallel call (from its global
/// default); <see cref="Use"/> triggers that first (<c>torch.get_num_threads</c>) so it cannot undo the override
/// later. On builds without OpenMP or MKL (e.g. macOS) the missing half is skipped.</para>
/// </remarks>
internal static class IntraOpThreads
{
    private static readonly Lazy<Entry> Entries = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when the per-thread OpenMP count can be set (libtorch's OpenMP build).</summary>
    public static bool IsSupported => Entries.Value.OmpSet != IntPtr.Zero;

    /// <summary>Runs libtorch ops of the calling thread on <paramref name="threads"/> intra-op threads until disposed.</summary>
    /// <param name="threads">Intra-op threads, ≥ 1.</param>
    /// <returns>A scope that restores the thread's previous counts; dispose it on the same thread.</returns>
    public static Scope Use(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        TorchNative.EnsureLoaded();
        torch.get_num_threads(); // libtorch's lazy per-thread init; must run before the override
        return new Scope(Entries.Value, threads);
    }

    /// <summary>Restores the calling thread's previous intra-op counts.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly Entry _entry;
        private readonly int _previousOmp;
        private readonly int _previousMkl;

        internal unsafe Scope(Entry entry, int threads)
        {
            _entry = entry;
            _previousOmp = entry.OmpGet == IntPtr.Zero ? 0 : ((delegate* unmanaged<int>)entry.OmpGet)();
            if (entry.OmpSet != IntPtr.Zero)
                ((delegate* unmanaged<int, void>)entry.OmpSet)(threads);
            _previousMkl = entry.MklLocal == IntPtr.Zero ? 0 : ((delegate* unmanaged<int, int>)entry.MklLocal)(threads);
        }

        /// <inheritdoc />
        public unsafe void Dispose()
        {
            if (_entry is null)
                return;
            if (_entry.OmpSet != IntPtr.Zero && _previousOmp > 0)
                ((delegate* unmanaged<int, void>)_entry.OmpSet)(_previousOmp);
            if (_entry.MklLocal != IntPtr.Zero)
                ((delegate* unmanaged<int, int>)_entry.MklLocal)(_previousMkl); // 0 = back to MKL's global count
        }
    }

    internal sealed record Entry(IntPtr OmpGet, IntPtr OmpSet, IntPtr MklLocal);

    private static Entry Resolve()
    {
        // dlsym on libtorch_cpu's handle also searches its dependencies, so this finds the bundled libgomp that
        // libtorch itself calls (not some other OpenMP runtime).
        string library = OperatingSystem.IsWindows() ? "torch_cpu.dll" : OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : "libtorch_cpu.so";
        try
        {
            if (!NativeLibrary.TryLoad(library, typeof(torch).Assembly, null, out var handle))
                return new Entry(IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
            NativeLibrary.TryGetExport(handle, "omp_get_max_threads", out var ompGet);
            NativeLibrary.TryGetExport(handle, "omp_set_num_threads", out var ompSet);
            // The C entry point; the lower-case mkl_set_num_threads_local is the Fortran one (argument by pointer).
            NativeLibrary.TryGetExport(handle, "MKL_Set_Num_Threads_Local", out var mklLocal);
            return ompGet == IntPtr.Zero || ompSet == IntPtr.Zero ? new Entry(IntPtr.Zero, IntPtr.Zero, mklLocal) : new Entry(ompGet, ompSet, mklLocal);
        }
        catch (Exception e) when (e is BadImageFormatException or DllNotFoundException or EntryPointNotFoundException)
        {
            return new Entry(IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
        }
    }
}
