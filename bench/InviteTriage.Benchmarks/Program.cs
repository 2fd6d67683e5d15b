using System.Globalization;
using BenchmarkDotNet.Running;
using InviteTriage.Benchmarks;

// `percentiles [stored...]` measures single arrivals; anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args is ["percentiles", .. var sizes])
{
    int[] stored = sizes.Length > 0 ? [.. sizes.Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [10_000, 1_000_000];
    await Percentiles.RunAsync(stored, arrivals: 2_000, Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RebuildBenchmarks).Assembly).Run(args);
