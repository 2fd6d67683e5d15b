using InviteTriage.Data.Imports;
using InviteTriage.Data.Tests.Imports;
using InviteTriage.Ingest;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Database;

/// <summary>
/// A large import on PostgreSQL ends with a rebuild that reads its own rows back in the same transaction, and without
/// statistics for them the planner sorted all of the member's rows for every block of it (docs/performance.md, "Scale on
/// PostgreSQL, 1M"). The import analyzes the invitations before that rebuild; an arrival does not.
/// </summary>
public sealed class PostgresImportStatisticsTests(PostgresStore store) : IClassFixture<PostgresStore>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("invitetriage-statistics-").FullName;

    [Fact]
    public async Task ALargeImport_CommitsStatisticsOfItsRows_AndAnArrivalDoesNotAnalyze()
    {
        // Autovacuum would analyze the table on its own after a while; off, the statistics can only come from the import.
        await store.QueryAsync("""ALTER TABLE "Invitations" SET (autovacuum_enabled = false)""");
        var members = new Members(store);
        var owner = await members.AddAsync();

        (await members.ReceiveAsync(owner, From("Early Bird", "Acme", Monday))).Added.Should().Be(1);
        (await OwnerStatisticsAsync()).Should().BeEmpty("one arrival is not worth an ANALYZE");

        var path = GeneratedCsv.Write(Path.Combine(_folder, "large.csv"), GeneratedCsv.Rows(ImportService.RebuildThreshold + 3_000, seed: 21));
        var summary = await store.Services.GetRequiredService<ImportService>()
            .ImportAsync(owner, "me", "csv", [ImportSource.FromFile(path, ImportFormat.Csv)], null, CancellationToken.None);

        summary.Error.Should().BeNull();
        summary.Added.Should().BeGreaterThan(ImportService.RebuildThreshold);
        (await OwnerStatisticsAsync()).Should().ContainSingle("the import analyzed its rows, and the statistics were committed with it")
            .Which.Should().Contain(owner);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<List<string>> OwnerStatisticsAsync() =>
        store.QueryAsync("""SELECT coalesce(most_common_vals::text, '') FROM pg_stats WHERE tablename = 'Invitations' AND attname = 'OwnerId'""");
}
