using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace InviteTriage.Benchmarks;

/// <summary>
/// p50 and p99 of single arrivals, which BenchmarkDotNet's per-iteration means hide. Detection is timed apart from
/// the insert, so the figure is the detection work per new invitation.
/// </summary>
internal static class Percentiles
{
    public static async Task RunAsync(int[] storeSizes, int arrivals, TextWriter output)
    {
        await WarmUpAsync();
        await output.WriteLineAsync("| stored | arrivals at | count | detect p50 | detect p99 | insert+detect p50 | insert+detect p99 | fixed work of the median's length: p50, p99 |");
        await output.WriteLineAsync("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var stored in storeSizes)
        {
            await using var store = await BenchStore.CreateAsync(stored, RebuildBenchmarks.Recipients, Console.Error);
            foreach (var newest in new[] { false, true })
            {
                await MeasureAsync(store, stored, newest, arrivals, output);
            }
        }
    }

    /// <summary>
    /// Arrivals into a store of their own until the JIT is done with their code, so that the figures are a running
    /// server's. Fifty arrivals used to be the warm-up, and the JIT then compiled for 5.7 s in 788 of the first
    /// 2,000 measured detections: the tiered compiler recompiles a method once it has been called 30 times, and
    /// the paths that change a flock run once in a hundred arrivals. A store of its own keeps the measured stores near
    /// their sizes.
    /// </summary>
    private static async Task WarmUpAsync()
    {
        const int batch = 200;
        await using var store = await BenchStore.CreateAsync(10_000, RebuildBenchmarks.Recipients);

        // The first call binds the P/Invoke, which would otherwise fall in the first timed detection.
        _ = ProcessCpu.Milliseconds;
        var inserts = new[] { new IncrementalInsert(store, seed: 5), new IncrementalInsert(store, seed: 7, newest: true) };
        var arrivals = 0;
        double compiling;
        do
        {
            var before = JitInfo.GetCompilationTime();
            for (var i = 0; i < batch; i++, arrivals++)
            {
                var insert = inserts[arrivals % inserts.Length];
                await insert.DetectAsync(await insert.StoreOneAsync());
            }

            compiling = (JitInfo.GetCompilationTime() - before).TotalMilliseconds;
        }
        while (compiling > 5 && arrivals < 20 * batch);

        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"warmed up with {arrivals:N0} arrivals into a store of its own; the JIT compiled for {compiling:0.0} ms during the last {batch}"));
    }

    private static async Task MeasureAsync(BenchStore store, int stored, bool newest, int arrivals, TextWriter output)
    {
        {
            // The JIT is warm (WarmUpAsync), but each store has its own EF Core service provider, whose queries are
            // compiled again the first times they run, as a server's are after its start.
            var insert = new IncrementalInsert(store, seed: 3, newest);
            for (var i = 0; i < 200; i++)
            {
                await insert.DetectAsync(await insert.StoreOneAsync());
            }

            var detect = new List<double>(arrivals);
            var total = new List<double>(arrivals);
            var atEdge = new List<double>();
            var changedFlocks = new List<double>();
            var changedNone = new List<double>();
            var traced = new List<TracedArrival>(arrivals);
            var cpuTimes = new List<double>(arrivals);
            for (var i = 0; i < arrivals; i++)
            {
                var historyBefore = await insert.HistoryCountAsync();
                var startedAt = Stopwatch.GetTimestamp();
                var clock = Stopwatch.StartNew();
                var arrival = await insert.StoreOneAsync();
                var storing = clock.Elapsed.TotalMilliseconds;
                var (collections, paused, cpu, jit) = (GC.CollectionCount(0), GC.GetTotalPauseDuration(), ProcessCpu.Milliseconds, JitInfo.GetCompilationTime());
                await insert.DetectAsync(arrival);
                var detecting = clock.Elapsed.TotalMilliseconds - storing;
                var detectingCpu = ProcessCpu.Milliseconds - cpu;
                var jitting = (JitInfo.GetCompilationTime() - jit).TotalMilliseconds;
                cpuTimes.Add(detectingCpu);
                var collected = (GC.CollectionCount(0) - collections, (GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
                total.Add(clock.Elapsed.TotalMilliseconds);
                detect.Add(detecting);

                // Apart, the arrivals whose detection wrote a flock's history (a flock found, grown, merged or
                // withdrawn, its own or another member's), counted after the clock stopped.
                var changed = await insert.HistoryCountAsync() > historyBefore;
                (changed ? changedFlocks : changedNone).Add(detecting);
                traced.Add(new TracedArrival(detecting, detectingCpu, jitting, arrival.Change.CompanyKey!, changed, collected.Item1, collected.Item2, (double)startedAt / Stopwatch.Frequency, storing));
                if (arrival.CoverageBefore is { } before && (arrival.Change.SentAt < before.Earliest || arrival.Change.SentAt > before.Latest))
                {
                    atEdge.Add(detecting);
                }
            }

            var machine = FixedWork.Time(Quantile(detect, 0.5), arrivals);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {stored:N0} | {(newest ? "the newest day" : "any time")} | {arrivals:N0} | {Quantile(detect, 0.5):0.00} ms | {Quantile(detect, 0.99):0.00} ms | {Quantile(total, 0.5):0.00} ms | {Quantile(total, 0.99):0.00} ms | {Quantile(machine, 0.5):0.00} ms, {Quantile(machine, 0.99):0.00} ms |"));
            if (atEdge.Count > 0)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{atEdge.Count} arrivals moved their member's first or last date: detect p50 {Quantile(atEdge, 0.5):0.00} ms, max {atEdge.Max():0.00} ms"));
            }

            foreach (var (kind, times) in new[] { ("changed a flock", changedFlocks), ("changed none", changedNone) }.Where(k => k.Item2.Count > 0))
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{times.Count} arrivals {kind}: detect p50 {Quantile(times, 0.5):0.00} ms, p99 {Quantile(times, 0.99):0.00} ms, max {times.Max():0.00} ms"));
            }

            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"the JIT compiled for {traced.Sum(t => t.JitMs):0} ms during these detections, in {traced.Count(t => t.JitMs > 0)} of them"));
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"the process's CPU time per detection (every thread's): p50 {Quantile(cpuTimes, 0.5):0.00} ms, p99 {Quantile(cpuTimes, 0.99):0.00} ms"));

            // Every detection's window on the monotonic clock, for matching `perf record -k CLOCK_MONOTONIC` samples to them.
            if (Environment.GetEnvironmentVariable("INVITETRIAGE_BENCH_WINDOWS") is { Length: > 0 } windows)
            {
                await File.AppendAllLinesAsync(windows, traced.Select(t => string.Create(CultureInfo.InvariantCulture,
                    $"{t.StartedAt + t.StoreMs / 1000:0.000000} {t.StartedAt + (t.StoreMs + t.DetectMs) / 1000:0.000000} {t.DetectMs:0.000} {t.CpuMs:0.000} {(t.Changed ? 1 : 0)}")));
            }

            // The slowest 1 %, which make the p99: what they had in common, if anything.
            await Console.Error.WriteLineAsync("the slowest 1 %: detect ms, of it the process's CPU ms and the JIT's ms, company, changed a flock, collections during it, collector pauses during it, the detection's start and end on the monotonic clock (s)");
            foreach (var slow in traced.OrderByDescending(t => t.DetectMs).Take(Math.Max(1, arrivals / 100)))
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {slow.DetectMs,7:0.00} {slow.CpuMs,7:0.00} {slow.JitMs,7:0.00} {slow.Company,-11} {(slow.Changed ? "changed" : "-"),-7} {slow.Collections} {slow.PausedMs:0.00} ms {slow.StartedAt + slow.StoreMs / 1000:0.000000} {slow.StartedAt + (slow.StoreMs + slow.DetectMs) / 1000:0.000000}"));
            }
        }
    }

    /// <summary>One timed arrival; <paramref name="StartedAt"/> is the monotonic clock's seconds, which `perf record -k CLOCK_MONOTONIC` stamps its samples with too.</summary>
    private sealed record TracedArrival(double DetectMs, double CpuMs, double JitMs, string Company, bool Changed, int Collections, double PausedMs, double StartedAt, double StoreMs);

    internal static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(q * sorted.Count) - 1)];
    }
}
