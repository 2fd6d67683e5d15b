using BenchmarkDotNet.Attributes;

namespace InviteTriage.Benchmarks;

/// <summary>The cost of one arriving invitation, stored and detected around, with 10k and with 1M already stored.</summary>
[MemoryDiagnoser]
public class IncrementalBenchmarks
{
    private BenchStore? _store;
    private IncrementalInsert? _insert;

    [Params(10_000, 1_000_000)]
    public int Stored { get; set; }

    [GlobalSetup]
    public void Fill()
    {
        _store = BenchStore.CreateAsync(Stored, RebuildBenchmarks.Recipients, Console.Out).GetAwaiter().GetResult();
        _insert = new IncrementalInsert(_store, seed: 11);
    }

    [GlobalCleanup]
    public void Drop() => _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public async Task InsertAndDetect()
    {
        await _insert!.DetectAsync(await _insert.StoreOneAsync());
    }
}
