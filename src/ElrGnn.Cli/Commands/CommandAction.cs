namespace ElrGnn.Cli.Commands;

/// <summary>Runs a command body and maps what it throws to an exit code, so every command behaves the same.</summary>
internal static class CommandAction
{
    /// <summary>Runs <paramref name="body"/>; exceptions become a one-line message on stderr and exit code 1 or 2.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, Console.Error);
        }
    }
}
