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
        await output.WriteLineAsync("| stored | arrivals | detect p50 | detect p99 | insert+detect p50 | insert+detect p99 |");
        await output.WriteLineAsync("|---:|---:|---:|---:|---:|---:|");
        foreach (var stored in storeSizes)
        {
            await using var store = await BenchStore.CreateAsync(stored, RebuildBenchmarks.Recipients, Console.Error);
            var insert = new IncrementalInsert(store, seed: 3);
            for (var i = 0; i < 50; i++)
            {
                await insert.DetectAsync(await insert.StoreOneAsync());
            }

            var detect = new List<double>(arrivals);
            var total = new List<double>(arrivals);
            for (var i = 0; i < arrivals; i++)
            {
                var clock = Stopwatch.StartNew();
                var arrival = await insert.StoreOneAsync();
                var storing = clock.Elapsed.TotalMilliseconds;
                await insert.DetectAsync(arrival);
                total.Add(clock.Elapsed.TotalMilliseconds);
                detect.Add(clock.Elapsed.TotalMilliseconds - storing);
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {stored:N0} | {arrivals:N0} | {Quantile(detect, 0.5):0.00} ms | {Quantile(detect, 0.99):0.00} ms | {Quantile(total, 0.5):0.00} ms | {Quantile(total, 0.99):0.00} ms |"));
        }
    }

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(q * sorted.Count) - 1)];
    }
}
