using System.Globalization;
using BenchmarkDotNet.Running;
using InviteTriage.Benchmarks;

// `percentiles [stored...]` measures single arrivals; `profile STORED [newest]` shows where an arrival's SQL time goes;
// anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args is ["percentiles", .. var sizes])
{
    int[] stored = sizes.Length > 0 ? [.. sizes.Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [10_000, 1_000_000];
    await Percentiles.RunAsync(stored, arrivals: 2_000, Console.Out);
    return;
}

if (args is ["profile", var size, .. var rest])
{
    var newest = rest is ["newest"];
    var profile = new QueryProfile();
    await using var profiled = await BenchStore.CreateAsync(int.Parse(size, CultureInfo.InvariantCulture), RebuildBenchmarks.Recipients, Console.Error, profile);
    var profiledInsert = new IncrementalInsert(profiled, seed: 5, newest);
    for (var i = 0; i < 300; i++)
    {
        await profiledInsert.DetectAsync(await profiledInsert.StoreOneAsync());
    }

    profile.Clear();
    const int profiledArrivals = 1_000;
    for (var i = 0; i < profiledArrivals; i++)
    {
        var arrival = await profiledInsert.StoreOneAsync();
        profile.BeginArrival();
        await profiledInsert.DetectAsync(arrival);
        profile.EndArrival();
    }

    profile.Report(Console.Out, profiledArrivals);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RebuildBenchmarks).Assembly).Run(args);
