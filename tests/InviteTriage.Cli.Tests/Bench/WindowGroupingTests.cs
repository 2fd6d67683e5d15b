using System.Globalization;
using InviteTriage.Bench;
using InviteTriage.Bench.Scale;
using InviteTriage.Core.Detection;
using InviteTriage.Data.Imports;
using InviteTriage.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Cli.Tests.Bench;

/// <summary>
/// The scale harness holds the rebuild to a SQL query that must group exactly as the detector does, on each engine it
/// runs on; if either changes alone, the yardstick measures something else. The cases are the edges of DETECTION.md's walk.
/// </summary>
public abstract class WindowGroupingTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2024, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly string _folder = Directory.CreateTempSubdirectory("invitetriage-window-").FullName;
    private readonly BenchEngine _engine;

    private protected WindowGroupingTests(Func<string, BenchEngine> engine) => _engine = engine(_folder);

    public sealed class OnSqlite() : WindowGroupingTests(folder => new SqliteEngine(folder));

    public sealed class OnPostgres() : WindowGroupingTests(_ => new PostgresEngine(TestPostgres.Server(), keep: false, TextWriter.Null));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_SQL_grouping_finds_the_candidates_and_flocks_the_app_stores()
    {
        var store = await _engine.CreateAsync("edges", CancellationToken.None);
        var csv = Path.Combine(_folder, "inbox.csv");
        await File.WriteAllTextAsync(csv, InvitationCsv.Of(EdgeCases()), CancellationToken.None);
        await using (var instance = await BenchInstance.OpenAsync(store))
        {
            var owner = await instance.AddMemberAsync("edges@example.com");
            await instance.Services.GetRequiredService<ImportService>().ImportAsync(
                owner, "edges@example.com", "csv", [ImportSource.FromFile(csv, ImportFormat.Csv)], progress: null, CancellationToken.None);
        }

        var app = await DetectorCounts.CountAsync(_engine, store, DetectionSettings.Default, CancellationToken.None);
        var (_, sql) = await _engine.GroupAsync(store, DetectionSettings.Default, CancellationToken.None);

        sql.Should().Be(app);
        app.Flocks.Should().BeGreaterThan(0).And.BeLessThan(app.Candidates, "some candidates must fail the surprise test");
    }

    private static IEnumerable<string> EdgeCases()
    {
        // Gaps of exactly H: one group.
        foreach (var row in Firm("Gapwell Partners", Start, [24, 24]))
        {
            yield return row;
        }

        // A span of exactly S joins; the next one, 20 h on, starts a new group.
        foreach (var row in Firm("Spanmore Advisory", Start.AddDays(10), [24, 24, 24, 20, 20, 20]))
        {
            yield return row;
        }

        // A long chain every 12 h for ten days: an island the span cuts several times.
        foreach (var row in Firm("Chainley Group", Start.AddDays(20), [.. Enumerable.Repeat(12.0, 20)]))
        {
            yield return row;
        }

        // Three senders in the same second, and a gap just over H after them.
        foreach (var row in Firm("Tiebreak Ltd", Start.AddDays(40), [0, 0, 24.01, 1, 1]))
        {
            yield return row;
        }

        // One sender three times: a repeat, never a candidate.
        for (var i = 0; i < 3; i++)
        {
            yield return InvitationCsv.Row("Rita Repeat", Time(Start.AddDays(50).AddMinutes(i)), "Repeatco", externalId: $"repeat-{i}");
        }

        // A company that invites every other day for half a year: three senders in a day are a candidate, not a flock.
        for (var day = 0; day < 180; day += 2)
        {
            yield return InvitationCsv.Row($"Regular {day}", Time(Start.AddDays(60 + day)), "Bigcorp");
        }

        foreach (var row in Firm("Bigcorp", Start.AddDays(150).AddHours(3), [2, 2]))
        {
            yield return row;
        }
    }

    /// <summary>Colleagues of one firm, each <paramref name="gapsInHours"/> after the one before.</summary>
    private static IEnumerable<string> Firm(string company, DateTime first, double[] gapsInHours)
    {
        var at = first;
        for (var i = 0; i <= gapsInHours.Length; i++)
        {
            yield return InvitationCsv.Row($"{company.Split(' ')[0]} Colleague{i}", Time(at), company);
            at = i < gapsInHours.Length ? at.AddHours(gapsInHours[i]) : at;
        }
    }

    private static string Time(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
