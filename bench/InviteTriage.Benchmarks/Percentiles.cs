using System.Diagnostics;
using System.Globalization;

namespace InviteTriage.Benchmarks;

/// <summary>
/// p50 and p99 of single arrivals, which BenchmarkDotNet's per-iteration means hide. Detection is timed apart from
/// the insert, so the figure is the detection work per new invitation.
/// </summary>
internal static class Percentiles
{
    public static async Task RunAsync(int[] storeSizes, int arrivals, TextWriter output)
    {
        await output.WriteLineAsync("| stored | arrivals at | count | detect p50 | detect p99 | insert+detect p50 | insert+detect p99 |");
        await output.WriteLineAsync("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var stored in storeSizes)
        {
            await using var store = await BenchStore.CreateAsync(stored, RebuildBenchmarks.Recipients, Console.Error);
            foreach (var newest in new[] { false, true })
            {
                await MeasureAsync(store, stored, newest, arrivals, output);
            }
        }
    }

    private static async Task MeasureAsync(BenchStore store, int stored, bool newest, int arrivals, TextWriter output)
    {
        {
            var insert = new IncrementalInsert(store, seed: 3, newest);
            for (var i = 0; i < 50; i++)
            {
                await insert.DetectAsync(await insert.StoreOneAsync());
            }

            var detect = new List<double>(arrivals);
            var total = new List<double>(arrivals);
            var atEdge = new List<double>();
            for (var i = 0; i < arrivals; i++)
            {
                var clock = Stopwatch.StartNew();
                var arrival = await insert.StoreOneAsync();
                var storing = clock.Elapsed.TotalMilliseconds;
                await insert.DetectAsync(arrival);
                total.Add(clock.Elapsed.TotalMilliseconds);
                detect.Add(clock.Elapsed.TotalMilliseconds - storing);
                if (arrival.CoverageBefore is { } before && (arrival.Change.SentAt < before.Earliest || arrival.Change.SentAt > before.Latest))
                {
                    atEdge.Add(clock.Elapsed.TotalMilliseconds - storing);
                }
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {stored:N0} | {(newest ? "the newest day" : "any time")} | {arrivals:N0} | {Quantile(detect, 0.5):0.00} ms | {Quantile(detect, 0.99):0.00} ms | {Quantile(total, 0.5):0.00} ms | {Quantile(total, 0.99):0.00} ms |"));
            if (atEdge.Count > 0)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{atEdge.Count} arrivals moved their member's first or last date: detect p50 {Quantile(atEdge, 0.5):0.00} ms, max {atEdge.Max():0.00} ms"));
            }

            var slowest = detect.Order().TakeLast(5).Select(ms => ms.ToString("0.0", CultureInfo.InvariantCulture));
            await Console.Error.WriteLineAsync($"slowest five detections: {string.Join(", ", slowest)} ms");
        }
    }

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(q * sorted.Count) - 1)];
    }
}
