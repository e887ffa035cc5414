using Spectre.Console;

namespace ElrGnn.Cli.Running;

/// <summary>Runs long work on a worker thread and, on an interactive terminal, shows a progress bar meanwhile.</summary>
internal static class ConsoleProgress
{
    /// <summary>Runs <paramref name="work"/>; <paramref name="attach"/> receives the bar when it appears and null when it goes
    /// (never a bar when output is redirected, so logs stay plain lines).</summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, string name, double maxValue, Action<ProgressTask?> attach, Func<T> work)
    {
        if (!console.Profile.Capabilities.Interactive)
            return await Task.Run(work);
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                attach(context.AddTask(name, maxValue: maxValue));
                try
                {
                    return await Task.Run(work);
                }
                finally
                {
                    attach(null);
                }
            });
    }
}
