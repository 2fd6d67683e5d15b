using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;

namespace InviteTriage.Bench.Scale;

/// <summary>The machine's details for docs/performance.md: CPU, cores, memory, OS, runtime, load, and the database engine.</summary>
internal static class MachineInfo
{
    public static string Markdown(string engine)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| | |");
        text.AppendLine("|---|---|");
        text.AppendLine(culture, $"| CPU | {CpuModel()}, {Environment.ProcessorCount} cores |");
        text.AppendLine(culture, $"| Memory | {MemoryGigabytes()} |");
        text.AppendLine(culture, $"| OS | {OperatingSystemName()} |");
        text.AppendLine(culture, $"| Runtime | {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC |");
        text.AppendLine(culture, $"| Database | {engine} |");
        text.AppendLine(culture, $"| Load average at the end | {LoadAverage()} |");
        text.AppendLine(culture, $"| Date | {DateTime.UtcNow:yyyy-MM-dd} |");
        return text.ToString();
    }

    private static string CpuModel() =>
        ValueOf("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string MemoryGigabytes() =>
        ValueOf("/proc/meminfo", "MemTotal", ':') is { } total
            && long.TryParse(total.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes)
            ? string.Create(CultureInfo.InvariantCulture, $"{kilobytes / 1024.0 / 1024.0:0.0} GiB")
            : "unknown";

    private static string OperatingSystemName() =>
        ValueOf("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') is { } name
            ? $"{name}, kernel {Environment.OSVersion.Version}"
            : RuntimeInformation.OSDescription;

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? ValueOf(string file, string key, char separator)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(separator, StringComparison.Ordinal) + 1)..].Trim();
    }
}
