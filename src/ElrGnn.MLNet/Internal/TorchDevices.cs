using ElrGnn.MLNet.Native;
using TorchSharp;

namespace ElrGnn.MLNet.Internal;

/// <summary>
/// Turns the user's <c>Device</c> option ("cpu", "cuda", "cuda:1") into a torch device, with one clear error
/// when CUDA is asked for but cannot be used.
/// </summary>
public static class TorchDevices
{
    /// <summary>The default device name: "cpu".</summary>
    public const string Cpu = "cpu";

    /// <summary>Resolves a device name; throws <see cref="ArgumentException"/> for unknown names and
    /// <see cref="InvalidOperationException"/> when CUDA is not available.</summary>
    public static torch.Device Resolve(string? device)
    {
        TorchNative.EnsureLoaded();
        var name = string.IsNullOrWhiteSpace(device) ? Cpu : device.Trim().ToLowerInvariant();
        if (name == Cpu)
            return torch.CPU;
        if (name == "cuda" || name.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!CudaAvailable())
                throw new InvalidOperationException(
                    $"Device '{device}' was requested but CUDA is not available in this process. Reference a CUDA build of " +
                    "TorchSharp (e.g. the TorchSharp-cuda-linux package instead of TorchSharp-cpu), run on a machine with an " +
                    "NVIDIA GPU and driver, or use Device = \"cpu\".");
            return torch.device(name);
        }
        throw new ArgumentException($"Unknown device '{device}'. Use \"cpu\", \"cuda\" or \"cuda:<index>\".", nameof(device));
    }

    /// <summary>True when a CUDA backend is loaded and sees a GPU.</summary>
    public static bool CudaAvailable()
    {
        TorchNative.EnsureLoaded();
        try
        {
            return torch.TryInitializeDeviceType(DeviceType.CUDA) && torch.cuda.is_available();
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
