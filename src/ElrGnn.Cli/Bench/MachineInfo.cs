using System.Runtime.InteropServices;
using System.Text.Json;

namespace ElrGnn.Cli.Bench;

/// <summary>The <c>machine</c> object of the bench outputs (bench.json, bench-serve.json): what the numbers were measured on.</summary>
internal static class MachineInfo
{
    /// <summary>Writes <c>"machine": {logical_cores, os, cpu, dotnet, torchsharp, libtorch, torch_threads[, gemm_peak_gflops]}</c>.</summary>
    /// <param name="json">The writer, inside an object.</param>
    /// <param name="gemmPeakGflops">The measured GEMM peak to include, or null to leave it out.</param>
    public static void Write(Utf8JsonWriter json, double? gemmPeakGflops = null)
    {
        json.WriteStartObject("machine");
        json.WriteNumber("logical_cores", Environment.ProcessorCount);
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteString("cpu", CpuModel());
        json.WriteString("dotnet", RuntimeInformation.FrameworkDescription);
        json.WriteString("torchsharp", typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString());
        json.WriteString("libtorch", TorchSharp.torch.__version__);
        json.WriteNumber("torch_threads", TorchSharp.torch.get_num_threads());
        if (gemmPeakGflops is { } peak)
            json.WriteNumber("gemm_peak_gflops", peak);
        json.WriteEndObject();
    }

    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo))
            return RuntimeInformation.ProcessArchitecture.ToString();
        var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
