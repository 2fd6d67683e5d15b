using System.Diagnostics;
using System.Text;
using InviteTriage.Data.Detection;
using InviteTriage.Data.Imports;
using InviteTriage.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Bench.Scale;

/// <summary>
/// Single invitations arriving in a filled store, end to end through the app's ImportService, as <c>POST
/// /api/invitations</c>, an upload and the mailbox sync bring them: the import batch, the insert, incremental
/// detection around it, other members' campaign scores, the commit. Each arrival is timed from the call to its return.
/// </summary>
internal static class IncrementalArrivals
{
    private const int WarmUp = 20;

    /// <summary>
    /// The times of <paramref name="count"/> arrivals, in milliseconds. "The newest day" is the usual arrival: in the
    /// data's last day or up to 3 hours past it, so that about one in nine opens a new day. Otherwise the arrival is
    /// anywhere in the data, like a late-found e-mail or an older export.
    /// </summary>
    public static async Task<List<double>> MeasureAsync(
        BenchInstance instance, int member, bool newestDay, int count, int seed, CancellationToken cancellationToken)
    {
        var email = BenchInstance.EmailOf(member);
        var owner = await instance.MemberIdAsync(email);
        var imports = instance.Services.GetRequiredService<ImportService>();
        var detection = instance.Services.GetRequiredService<FlockDetectionService>();
        var rows = new SyntheticCsv(seed);
        var random = new Random(seed);
        var externalIds = 7_000_000_000_000_000_000L + (seed * 1_000_000L);
        var times = new List<double>(count);
        for (var i = 0; i < WarmUp + count; i++)
        {
            var coverage = await detection.CoverageAsync(owner, cancellationToken)
                ?? throw new InvalidOperationException("The arrivals need a filled store.");
            var at = newestDay
                ? coverage.Latest.AddDays(-1).AddMinutes(random.Next(27 * 60)).AddSeconds(random.Next(60))
                : coverage.Earliest + TimeSpan.FromSeconds((long)((coverage.Latest - coverage.Earliest).TotalSeconds * random.NextDouble()));
            var csv = Encoding.UTF8.GetBytes($"{SyntheticCsv.Header}\n{rows.ArrivalRow(random, at, ref externalIds)}\n");
            using var upload = new MemoryStream(csv);

            var clock = Stopwatch.StartNew();
            var summary = await imports.ImportAsync(
                owner, email, "csv", [ImportSource.FromStream(upload, "arrival.csv", ImportFormat.Csv)], progress: null, cancellationToken);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (summary.Failed || summary.Added + summary.Merged + summary.Duplicates != 1)
            {
                throw new InvalidOperationException($"An arrival was not taken: {summary.Error ?? string.Join("; ", summary.Rejected)}");
            }

            if (i >= WarmUp)
            {
                times.Add(elapsed);
            }
        }

        return times;
    }
}
