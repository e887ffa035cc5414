namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// The pickle is malformed, truncated, exceeds a <see cref="UnpicklerLimits"/> bound, or uses an opcode or
/// value layout this reader does not support. <see cref="PickleException.Offset"/> gives the byte offset.
/// </summary>
public sealed class PickleFormatException : PickleException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="offset">Byte offset (0-based) of the problem, or -1 if unknown.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public PickleFormatException(string message, long offset, Exception? inner = null)
        : base(message, offset, inner)
    {
    }
}
