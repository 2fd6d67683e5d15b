using BenchmarkDotNet.Attributes;
using InviteTriage.Core.Detection;

namespace InviteTriage.Benchmarks;

/// <summary>The full rebuild in memory: every flock of 50 recipients who hold 1M invitations between them.</summary>
[MemoryDiagnoser]
public class RebuildBenchmarks
{
    private List<DetectionInvitation>[] _recipients = [];

    [Params(1_000_000)]
    public int Invitations { get; set; }

    public const int Recipients = 50;

    [GlobalSetup]
    public void Generate()
    {
        var inbox = new SyntheticInbox(seed: 42);
        var perRecipient = Invitations / Recipients;
        _recipients = [.. Enumerable.Range(0, Recipients)
            .Select(r => inbox.Recipient(r, perRecipient, (long)r * perRecipient + 1).Select(row => row.ToDetection()).ToList())];
    }

    [Benchmark]
    public int Rebuild()
    {
        var flocks = 0;
        foreach (var recipient in _recipients)
        {
            flocks += FlockDetector.Detect(recipient, DetectionSettings.Default, DetectionContext.Empty).Count;
        }

        return flocks;
    }
}
