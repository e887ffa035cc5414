namespace ElrGnn.Cli;

/// <summary>The process exit codes of every command (a public contract: scripts test them).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Bad arguments or bad data: the message says what to change.</summary>
    public const int BadInput = 1;

    /// <summary>Anything else (a bug, a native library that failed, out of memory, ...).</summary>
    public const int Failure = 2;
}
