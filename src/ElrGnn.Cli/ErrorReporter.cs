using System.Reflection;
using System.Text.Json;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Data.Pickle;
using ElrGnn.MLNet.Persistence;

namespace ElrGnn.Cli;

/// <summary>Turns an exception into a one-line message on stderr and an exit code (no stack traces unless asked).</summary>
internal static class ErrorReporter
{
    /// <summary>Environment variable that adds the stack trace to error output when set to 1.</summary>
    public const string TraceVariable = "ELRGNN_TRACE";

    /// <summary>Reports <paramref name="exception"/> on <paramref name="error"/> and returns the exit code.</summary>
    public static int Report(Exception exception, TextWriter error)
    {
        var e = Unwrap(exception);
        int code = IsBadInput(e) ? ExitCodes.BadInput : ExitCodes.Failure;
        error.WriteLine(code == ExitCodes.BadInput ? $"error: {e.Message}" : $"error ({e.GetType().Name}): {e.Message}");
        if (Environment.GetEnvironmentVariable(TraceVariable) == "1")
            error.WriteLine(exception.ToString());
        return code;
    }

    /// <summary>True for errors the user fixes by changing arguments or data.</summary>
    public static bool IsBadInput(Exception e) => e is CliUsageException or ArgumentException or ConversationDataException
        or FileNotFoundException or DirectoryNotFoundException or ModelFileException or PickleException
        or InvalidDataException or JsonException or FormatException;

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    break;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    e = aggregate.InnerExceptions[0];
                    break;
                default:
                    return e;
            }
        }
    }
}
