namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// Base class of the two errors <see cref="SafeUnpickler"/> reports: <see cref="PickleFormatException"/>
/// (malformed, truncated or unsupported content) and <see cref="PickleSecurityException"/> (the file asks
/// for a callable outside the allow-list). Catch this type to handle both.
/// </summary>
public abstract class PickleException : Exception
{
    /// <summary>Creates the exception; <paramref name="offset"/> is prefixed to the message.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="offset">Byte offset in the pickle where the problem was found (0-based), or -1 if unknown.</param>
    /// <param name="inner">The underlying error, if any.</param>
    protected PickleException(string message, long offset, Exception? inner = null)
        : base(offset >= 0 ? $"Pickle byte offset {offset}: {message}" : message, inner)
    {
        Offset = offset;
    }

    /// <summary>Byte offset (0-based) of the opcode or operand at fault; -1 when not tied to a position.</summary>
    public long Offset { get; }
}
