using System.Diagnostics;
using System.Globalization;

namespace ElrGnn.Cli.Output;

/// <summary>Peak memory of this process.</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set in MB: VmHWM of /proc/self/status on Linux, else the peak working set.</summary>
    public static double PeakMegabytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                // "VmHWM:     123456 kB"
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    continue;
                var parts = line["VmHWM:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kb))
                    return kb / 1024.0;
            }
        }
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
