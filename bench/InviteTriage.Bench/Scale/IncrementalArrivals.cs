using System.Diagnostics;
using System.Text;
using InviteTriage.Data.Detection;
using InviteTriage.Data.Imports;
using InviteTriage.Data;
using InviteTriage.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Bench.Scale;

/// <summary>
/// Single invitations arriving in a filled store, end to end through the app's ImportService, as <c>POST
/// /api/invitations</c>, an upload and the mailbox sync bring them: the import batch, the insert, incremental
/// detection around it, other members' campaign scores, the commit. Each arrival is timed from the call to its return.
/// </summary>
/// <remarks>
/// "The newest day" is the usual arrival: in the data's last day or up to 3 hours past it, so that about one in nine
/// opens a new day. "Any time" is anywhere in the data, like a late-found e-mail or an older export.
/// </remarks>
internal sealed class IncrementalArrivals(BenchInstance instance, string owner, bool newestDay, int seed, PhaseTimes? phases = null)
{
    private readonly ImportService _imports = instance.Services.GetRequiredService<ImportService>();
    private readonly FlockDetectionService _detection = instance.Services.GetRequiredService<FlockDetectionService>();
    private readonly SyntheticCsv _rows = new(seed);
    private readonly Random _random = new(seed);
    private long _externalIds = 7_000_000_000_000_000_000L + (seed * 1_000_000L);

    public List<double> Milliseconds { get; } = [];

    /// <summary>With <c>phases</c>, each timed arrival's phases as the import logged them, its company key and when it was sent.</summary>
    public List<ArrivalDetail> Details { get; } = [];

    /// <summary>Stores <paramref name="count"/> arrivals one by one, and keeps their times when <paramref name="timed"/>.</summary>
    public async Task ArriveAsync(int count, bool timed, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            var coverage = await _detection.CoverageAsync(owner, cancellationToken)
                ?? throw new InvalidOperationException("The arrivals need a filled store.");
            var at = newestDay
                ? coverage.Latest.AddDays(-1).AddMinutes(_random.Next(27 * 60)).AddSeconds(_random.Next(60))
                : coverage.Earliest + TimeSpan.FromSeconds((long)((coverage.Latest - coverage.Earliest).TotalSeconds * _random.NextDouble()));
            var csv = Encoding.UTF8.GetBytes($"{SyntheticCsv.Header}\n{_rows.ArrivalRow(_random, at, ref _externalIds)}\n");
            using var upload = new MemoryStream(csv);

            var logged = phases?.Milliseconds;
            var clock = Stopwatch.StartNew();
            var summary = await _imports.ImportAsync(
                owner, "bench", "csv", [ImportSource.FromStream(upload, "arrival.csv", ImportFormat.Csv)], progress: null, cancellationToken);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (summary.Failed || summary.Added + summary.Merged + summary.Duplicates != 1)
            {
                throw new InvalidOperationException($"An arrival was not taken: {summary.Error ?? string.Join("; ", summary.Rejected)}");
            }

            if (timed)
            {
                Milliseconds.Add(elapsed);
                if (logged is not null)
                {
                    var now = phases!.Milliseconds;
                    double Phase(string name) => now.GetValueOrDefault(name) - logged.GetValueOrDefault(name);
                    await using var db = await instance.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync(cancellationToken);
                    var company = await db.Invitations.Where(i => i.OwnerId == owner).OrderByDescending(i => i.Id).Select(i => i.CompanyKey).FirstAsync(cancellationToken);
                    Details.Add(new ArrivalDetail(elapsed, Phase("StoreMs"), Phase("DetectMs"), Phase("PeersMs"), company, at));
                }
            }
        }
    }
}

/// <summary>One timed arrival: its time, the import's logged phases, the company it went to and when it was sent.</summary>
internal sealed record ArrivalDetail(double Milliseconds, double StoreMs, double DetectMs, double PeersMs, string? CompanyKey, DateTime SentAt);
