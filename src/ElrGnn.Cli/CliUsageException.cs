namespace ElrGnn.Cli;

/// <summary>A bad argument or a bad combination of arguments found after parsing; exits with <see cref="ExitCodes.BadInput"/>.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
