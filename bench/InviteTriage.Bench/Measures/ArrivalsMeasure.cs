using System.Globalization;
using System.Text;
using InviteTriage.Bench.Scale;
using InviteTriage.Data;
using InviteTriage.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Bench.Measures;

/// <summary>
/// <c>arrivals --work DIR</c>: the scale measure's arrivals alone (Scale/IncrementalArrivals), on fresh copies of the
/// 10k and large stores that a kept <c>scale --work DIR --keep</c> run left there (small.db, store.db), so that two
/// builds can be measured in turns on the same data without importing it again. It also lists the slowest arrivals
/// with the import's logged phases and how many invitations their company has within 90 days, to see where they went.
/// SQLite only.
/// </summary>
internal sealed class ArrivalsMeasure : IMeasure
{
    private const int Rounds = 5;
    private const int Slowest = 8;

    public async Task<MeasureReport> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var options = run.Options;
        var folder = options.Work ?? throw new InvalidOperationException("arrivals needs --work DIR with the stores of a kept scale run");
        if (!options.Keep)
        {
            // Without it the run deletes its work folder, and with it the stores it was given.
            throw new InvalidOperationException("arrivals needs --keep, or the run would delete the stores in --work");
        }

        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        var small = await run.Engine.CopyAsync(Store(folder, "small"), "arrivals-small", cancellationToken);
        var large = await run.Engine.CopyAsync(Store(folder, "store"), "arrivals-store", cancellationToken);
        var smallPhases = new PhaseTimes();
        var largePhases = new PhaseTimes();
        await using var smallStore = await BenchInstance.OpenAsync(small, smallPhases);
        await using var largeStore = await BenchInstance.OpenAsync(large, largePhases);
        var perRound = Math.Max(1, options.Arrivals / Rounds);
        text.AppendLine("| arrivals at | store | count | p50 | p90 | p99 | max |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        var slow = new List<(string Pattern, ArrivalDetail Detail)>();
        foreach (var newestDay in new[] { true, false })
        {
            var seed = options.Seed + (newestDay ? 1 : 2);
            var inSmall = new IncrementalArrivals(smallStore, await smallStore.MemberIdAsync(BenchInstance.EmailOf(0)), newestDay, seed, smallPhases);
            var inLarge = new IncrementalArrivals(largeStore, await largeStore.MemberIdAsync(BenchInstance.EmailOf(0)), newestDay, seed, largePhases);
            await inSmall.ArriveAsync(50, timed: false, cancellationToken);
            await inLarge.ArriveAsync(50, timed: false, cancellationToken);
            for (var round = 0; round < Rounds; round++)
            {
                await inSmall.ArriveAsync(perRound, timed: true, cancellationToken);
                await inLarge.ArriveAsync(perRound, timed: true, cancellationToken);
            }

            var pattern = newestDay ? "the newest day" : "any time";
            foreach (var (name, times) in new[] { ("10k", inSmall.Milliseconds), ("large", inLarge.Milliseconds) })
            {
                text.AppendLine(culture, $"| {pattern} | {name} | {times.Count} | {Timings.Quantile(times, 0.5):0.0} ms | {Timings.Quantile(times, 0.9):0.0} ms | {Timings.Quantile(times, 0.99):0.0} ms | {times.Max():0.0} ms |");
            }

            slow.AddRange(inLarge.Details.OrderByDescending(d => d.Milliseconds).Take(Slowest).Select(d => (pattern, d)));
        }

        text.AppendLine();
        text.AppendLine("The slowest arrivals in the large store (phases from the import's log; the company's invitations within 90 days either side):");
        text.AppendLine();
        text.AppendLine("| arrivals at | total | stored | detected and committed | peers | company | its invitations ±90 days |");
        text.AppendLine("|---|---:|---:|---:|---:|---|---:|");
        await using (var db = await largeStore.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            var owner = await largeStore.MemberIdAsync(BenchInstance.EmailOf(0));
            foreach (var (pattern, d) in slow)
            {
                var (from, to) = (d.SentAt.AddDays(-90), d.SentAt.AddDays(90));
                var near = await db.Invitations.CountAsync(i => i.OwnerId == owner && i.CompanyKey == d.CompanyKey && i.SentAt >= from && i.SentAt <= to, cancellationToken);
                text.AppendLine(culture, $"| {pattern} | {d.Milliseconds:0.0} ms | {d.StoreMs:0.0} ms | {d.DetectMs:0.0} ms | {d.PeersMs:0.0} ms | {d.CompanyKey} | {near:N0} |");
            }
        }

        return new MeasureReport(text.ToString(), []);
    }

    private static DatabaseLocation Store(string folder, string name) =>
        new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, name + ".db")}");
}
