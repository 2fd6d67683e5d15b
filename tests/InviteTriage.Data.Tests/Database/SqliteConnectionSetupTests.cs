using InviteTriage.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Database;

/// <summary>
/// What every SQLite connection of the app is set up with (<see cref="SqlitePragmas"/>), once per native connection,
/// and where its write-ahead log is checkpointed (<see cref="WalCheckpointer"/>), on a real store file.
/// </summary>
public sealed class SqliteConnectionSetupTests : IAsyncLifetime
{
    private readonly SqliteStore _store = SqliteStore.With("Default Timeout=7");

    public Task InitializeAsync() => _store.InitializeAsync();

    public Task DisposeAsync() => _store.DisposeAsync();

    /// <summary>The pool lends a native connection again without running the settings again: they must still hold.</summary>
    [Fact]
    public async Task EveryContext_FindsItsConnectionSetUp_AlsoWhenThePoolLendsItAgain()
    {
        for (var context = 0; context < 3; context++)
        {
            await using var db = await NewContextAsync();
            await db.Database.OpenConnectionAsync();

            (await PragmaAsync(db, "synchronous")).Should().Be(1, "NORMAL, in context {0}", context);
            (await PragmaAsync(db, "busy_timeout")).Should().Be(7_000, "the connection string's Default Timeout, in context {0}", context);
            (await PragmaAsync(db, "journal_size_limit")).Should().Be(64 * 1024 * 1024);
        }
    }

    /// <summary>
    /// Commits that bring the log past SQLite's 1,000 pages leave the copy to the checkpointer's thread. Were SQLite's
    /// own automatic checkpoint still hooked, the commits would have checkpointed themselves and the checkpointer would
    /// never run.
    /// </summary>
    [Fact]
    public async Task CommitsPastAThousandPagesOfLog_AreCheckpointedInTheBackground()
    {
        await using var db = await NewContextAsync();
        var checkpointer = WalCheckpointer.For(db.Database.GetConnectionString()!);
        var before = checkpointer.Checkpoints;
        await db.Database.ExecuteSqlRawAsync("""CREATE TABLE "Filler" ("Bytes" BLOB NOT NULL)""");

        // About a page a row: 1,500 pages of log in five commits.
        for (var commit = 0; commit < 5; commit++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
                INSERT INTO "Filler" SELECT randomblob(3900) FROM n
                """);
            await transaction.CommitAsync();
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (checkpointer.Checkpoints == before && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20);
        }

        checkpointer.Checkpoints.Should().BeGreaterThan(before);
    }

    private static async Task<long> PragmaAsync(TriageDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<TriageDbContext> NewContextAsync() =>
        _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
}
