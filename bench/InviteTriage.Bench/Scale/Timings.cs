using System.Diagnostics;
using System.Globalization;

namespace InviteTriage.Bench.Scale;

/// <summary>Medians and percentiles of repeated timings, and how the table writes them.</summary>
internal static class Timings
{
    public static double Median(IReadOnlyCollection<double> values) => Quantile(values, 0.5);

    /// <summary>The nearest-rank quantile: the smallest value with at least <paramref name="q"/> of the values at or below it.</summary>
    public static double Quantile(IReadOnlyCollection<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static async Task<double> SecondsAsync(Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed.TotalSeconds;
    }

    public static string Seconds(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} s");

    public static string Milliseconds(double milliseconds) => string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0.0} ms");

    public static string Ratio(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}×");

    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0} MB");

    /// <summary>"12.3 s (11.9, 12.3, 14.0)": the median and every run, so that a reader sees the noise.</summary>
    public static string SecondsOfRuns(IReadOnlyCollection<double> runs) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median(runs):0.00} s ({string.Join(", ", runs.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))})");
}
