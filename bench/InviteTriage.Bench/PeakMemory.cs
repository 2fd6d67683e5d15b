using System.Globalization;

namespace InviteTriage.Bench;

/// <summary>The process's peak resident set size, VmHWM in /proc/self/status (Linux).</summary>
internal static class PeakMemory
{
    public static long? Bytes()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line?["VmHWM:".Length..].Trim().Split(' ')[0];
        return long.TryParse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value * 1024 : null;
    }
}
