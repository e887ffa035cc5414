using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TorchSharp;

namespace ElrGnn.MLNet.Native;

/// <summary>
/// Makes TorchSharp's native library load on Linux distributions whose libstdc++ is older than the one it
/// was built against (Debian 12, Ubuntu 22.04: GLIBCXX_3.4.30 vs the 3.4.32 it asks for).
/// </summary>
/// <remarks>
/// libLibTorchSharp.so declares a need for GLIBCXX_3.4.32 only for <c>std::ios_base_library_init</c>, a
/// symbol it never binds. When (and only when) the system's libstdc++ lacks a version that is needed solely
/// for such symbols, a copy of the library is made in a per-user cache, that version need is marked weak
/// (<c>VER_FLG_WEAK</c>), the copy is loaded, and TorchSharp is pointed at it. The NuGet cache and the
/// application folder are never modified. Siblings (libtorch.so, libc10.so, …) are symlinked beside the
/// copy because its RUNPATH is <c>$ORIGIN</c>. Set <c>ELRGNN_NATIVE_PATCH=0</c> to turn this off and
/// <c>ELRGNN_NATIVE_CACHE</c> to choose the cache folder.
/// </remarks>
public static class TorchNative
{
    private const string LibraryFile = "libLibTorchSharp.so";
    private const string SiblingMarker = "libtorch_cpu.so";

    // Symbols that are needed only to run libstdc++'s own static initialisation, which the host's libstdc++
    // already did; a missing version that only these symbols use can safely be made optional.
    private static readonly HashSet<string> NeverBoundSymbols = new(StringComparer.Ordinal) { "_ZSt21ios_base_library_initv" };

    private static readonly Lock Gate = new();
    private static bool _done;
    private static Exception? _failure;
    private static IntPtr _handle;

    /// <summary>What <see cref="EnsureLoaded"/> did: nothing needed, patched copy loaded, or not Linux.</summary>
    public static string Status { get; private set; } = "not run";

    /// <summary>The loaded patched copy, when one was needed.</summary>
    public static string? PatchedLibraryPath { get; private set; }

    /// <summary>True when <see cref="EnsureLoaded"/> switched on MKL's conditional numerical reproducibility (MKL_CBWR=AUTO).</summary>
    internal static bool ReproducibleBlas { get; private set; }

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Must run before any TorchSharp use by consumers of this library.")]
    internal static void InitializeOnAssemblyLoad()
    {
        // Errors are kept and rethrown by EnsureLoaded, where a caller actually needs torch.
        try { EnsureLoaded(); } catch (TorchNativeException) { }
    }

    /// <summary>
    /// Prepares TorchSharp's native library; call before the first use of <c>torch</c>. Idempotent and
    /// thread-safe; every library entry point that uses torch calls it.
    /// </summary>
    /// <exception cref="TorchNativeException">The native library cannot be made to load; the message says why.</exception>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_failure is not null)
                throw _failure;
            if (_done)
                return;
            try
            {
                Prepare();
                // MKL accepts its reproducibility mode only before its first call, i.e. before any torch use.
                ReproducibleBlas = TryEnableReproducibleBlas();
                _done = true;
            }
            catch (TorchNativeException e)
            {
                _failure = e;
                throw;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                _failure = new TorchNativeException($"Could not prepare TorchSharp's native library: {e.Message}", e);
                throw _failure;
            }
        }
    }

    private static void Prepare()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("ELRGNN_NATIVE_PATCH") == "0")
        {
            Status = "nothing to do";
            return;
        }
        var torchAssembly = typeof(torch).Assembly;
        var original = NativeLocator.Find(LibraryFile, torchAssembly);
        if (original is null)
        {
            Status = $"{LibraryFile} not found; TorchSharp's own loader will report what is missing";
            return;
        }

        var image = ElfImage.Load(original);
        var systemLib = SystemLibStdCxx.Find();
        var provided = systemLib is null ? null : new HashSet<string>(ElfImage.Load(systemLib).VersionDefinitions, StringComparer.Ordinal);
        var missing = image.VersionNeeds
            .Where(n => n.File.StartsWith("libstdc++", StringComparison.Ordinal) && !n.IsWeak && provided is not null && !provided.Contains(n.Name))
            .ToList();
        if (missing.Count == 0)
        {
            Status = provided is null ? "system libstdc++ not identified; left to TorchSharp" : "system libstdc++ is new enough";
            return;
        }

        foreach (var need in missing)
        {
            var symbols = image.UndefinedSymbolsOfVersion(need.Index);
            var bound = symbols.Where(s => !NeverBoundSymbols.Contains(s)).ToList();
            if (bound.Count > 0)
                throw new TorchNativeException(
                    $"TorchSharp's native library {original} needs {need.Name} from libstdc++ for {string.Join(", ", bound.Take(5))}, " +
                    $"which this system's {systemLib} does not provide. Install a newer libstdc++ (GCC 13 or later), " +
                    "or point LD_LIBRARY_PATH at one.");
        }

        var siblings = NativeLocator.FindDirectoryOf(SiblingMarker, torchAssembly, Path.GetDirectoryName(original)!)
            ?? throw new TorchNativeException(
                $"Found {original} but not {SiblingMarker}: reference the TorchSharp-cpu package (or a CUDA build of TorchSharp) so libtorch is restored.");

        var originalHash = Sha256Hex(image.Bytes);
        image.WeakenVersionNeeds(n => missing.Contains(n));
        var patched = PatchedCache.Materialize(image.Bytes, originalHash, Path.GetFileName(original), siblings, torchAssembly);
        if (!NativeLibrary.TryLoad(patched, out _handle))
            throw new TorchNativeException(
                $"The patched copy {patched} of TorchSharp's native library does not load. Missing versions: " +
                $"{string.Join(", ", missing.Select(m => m.Name))}. Install a newer libstdc++ (GCC 13 or later).");

        // P/Invokes into "LibTorchSharp" resolve to the patched copy; TorchSharp's own probing by name then
        // also finds it through its SONAME.
        try
        {
            NativeLibrary.SetDllImportResolver(torchAssembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Someone else owns the resolver; the SONAME match still serves TorchSharp's by-name load.
        }
        PatchedLibraryPath = patched;
        Status = $"patched copy loaded ({string.Join(", ", missing.Select(m => m.Name))} made optional)";
    }

    // MKL_CBWR_AUTO: conditional numerical reproducibility on the best code path of this CPU.
    private const int MklCbwrAuto = 2;

    /// <summary>
    /// Asks libtorch's MKL for reproducible results (same as the environment variable MKL_CBWR=AUTO), so a seeded
    /// CPU training run is bit-identical. Skipped when the user set MKL_CBWR or ELRGNN_REPRODUCIBLE_BLAS=0, and a
    /// no-op on builds without MKL.
    /// </summary>
    private static unsafe bool TryEnableReproducibleBlas()
    {
        if (Environment.GetEnvironmentVariable("ELRGNN_REPRODUCIBLE_BLAS") == "0" || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MKL_CBWR")))
            return false;
        string library = OperatingSystem.IsWindows() ? "torch_cpu.dll" : OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : SiblingMarker;
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

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name is "LibTorchSharp" or LibraryFile ? _handle : IntPtr.Zero;

    internal static string Sha256Hex(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
