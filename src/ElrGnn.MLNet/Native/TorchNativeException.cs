namespace ElrGnn.MLNet.Native;

/// <summary>
/// TorchSharp's native library could not be made to load on this machine. The message says why and
/// what to install.
/// </summary>
public sealed class TorchNativeException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public TorchNativeException(string message, Exception? inner = null) : base(message, inner) { }
}
