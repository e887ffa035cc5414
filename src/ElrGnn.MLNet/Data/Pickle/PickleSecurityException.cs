namespace ElrGnn.MLNet.Data.Pickle;

/// <summary>
/// The pickle references a global (module attribute), extension code or persistent id outside the
/// reader's allow-list. Nothing it refers to was imported or executed: the reader never runs code.
/// </summary>
public sealed class PickleSecurityException : PickleException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="globalName">The rejected reference, e.g. "posix.system".</param>
    /// <param name="message">Why it was rejected.</param>
    /// <param name="offset">Byte offset (0-based) of the opcode that referenced it.</param>
    public PickleSecurityException(string globalName, string message, long offset)
        : base(message, offset)
    {
        GlobalName = globalName;
    }

    /// <summary>The rejected reference as "module.name" (or a description for non-global references).</summary>
    public string GlobalName { get; }
}
