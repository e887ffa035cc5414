using System.CommandLine;
using System.CommandLine.Invocation;
using ElrGnn.Cli.Commands;
using Spectre.Console;

namespace ElrGnn.Cli;

/// <summary>Builds the <c>elrgnn</c> command tree and runs it.</summary>
internal static class CliApp
{
    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
            console.Profile.Width = 160; // Spectre assumes 80 columns for pipes and files, which wraps the data line
        var root = BuildRoot(console);
        var invocation = new InvocationConfiguration
        {
            // Exceptions from parsing or from a command reach the catch below (one line, exit 1 or 2, no stack trace);
            // commands own Ctrl-C (see CtrlCCancellation).
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            var parsed = root.Parse(args);
            if (parsed.Action is ParseErrorAction onError)
            {
                // The error and a pointer to --help say more than the whole help text after it.
                onError.ShowHelp = false;
                int code = await parsed.InvokeAsync(invocation);
                var command = parsed.CommandResult.Command;
                Console.Error.WriteLine($"Run 'elrgnn{(command == root ? "" : " " + command.Name)} --help' for usage.");
                return code;
            }
            return await parsed.InvokeAsync(invocation);
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, Console.Error);
        }
    }

    /// <summary>The root command with every sub-command.</summary>
    public static RootCommand BuildRoot(IAnsiConsole console) => new("ELR-GNN emotion recognition in conversations (ML.NET).")
    {
        TrainCommand.Create(console),
        EvaluateCommand.Create(console),
        PredictCommand.Create(console),
        BenchCommand.Create(console),
        BenchServeCommand.Create(console),
        BenchExplainCommand.Create(console),
    };
}
