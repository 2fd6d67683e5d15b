using InviteTriage.Data.Accounts;
using InviteTriage.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Database;

/// <summary>
/// SQLite's transactions through the writer queue, on a real store whose writers wait at most a second (the connection
/// string's Default Timeout): a turn that is never given back makes the next transaction fail with
/// <see cref="StoreBusyException"/> instead of passing. SQLite's own; PostgreSQL has its advisory lock.
/// </summary>
public sealed class SqliteWriteLockTests : IAsyncLifetime
{
    private readonly SqliteStore _store = SqliteStore.With("Default Timeout=1");

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        await using var db = await NewContextAsync();
        await db.Database.ExecuteSqlRawAsync("""CREATE TABLE "WriteOrder" ("Writer" INTEGER NOT NULL)""");
    }

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task Transactions_BeginInTheOrderTheyAsked_WhileAnotherWrites()
    {
        await using var first = await NewContextAsync();
        var queue = Queue(first);
        var firstTransaction = await first.Database.BeginTransactionAsync();
        var writers = new List<Task>();

        for (var n = 0; n < 8; n++)
        {
            writers.Add(WriteInTurnAsync(n));
            await WaitUntilAsync(() => queue.Waiting == n + 1);
        }

        await firstTransaction.CommitAsync();
        await firstTransaction.DisposeAsync();
        await Task.WhenAll(writers);

        (await _store.QueryAsync("""SELECT "Writer" FROM "WriteOrder" ORDER BY rowid""")).Should().Equal(Enumerable.Range(0, 8).Select(n => $"{n}"));
    }

    [Fact]
    public async Task ARolledBackTransaction_GivesTheNextOneItsTurn()
    {
        await using (var db = await NewContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "WriteOrder" VALUES (1)""");
            await transaction.RollbackAsync();
        }

        await WriteAsync(2);

        (await _store.QueryAsync("""SELECT "Writer" FROM "WriteOrder" """)).Should().Equal("2");
    }

    [Fact]
    public async Task ATransactionLeftByAnError_GivesTheNextOneItsTurn()
    {
        await using var db = await NewContextAsync();

        var failing = async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "WriteOrder" VALUES (1)""");
            throw new InvalidOperationException("a check failed");
        };

        await failing.Should().ThrowAsync<InvalidOperationException>();
        await WriteAsync(2);
        (await _store.QueryAsync("""SELECT "Writer" FROM "WriteOrder" """)).Should().Equal("2");
    }

    [Fact]
    public async Task ATransactionDisposedOnAConnectionKeptOpen_LetsTheSameContextBeginAgain_AndOthersAfterIt()
    {
        await using var db = await NewContextAsync();
        await db.Database.OpenConnectionAsync();
        await using (await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "WriteOrder" VALUES (1)""");
        }

        await using (var again = await db.Database.BeginTransactionAsync())
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "WriteOrder" VALUES (2)""");
            await again.CommitAsync();
        }

        await WriteAsync(3);
        (await _store.QueryAsync("""SELECT "Writer" FROM "WriteOrder" ORDER BY rowid""")).Should().Equal("2", "3");
    }

    [Fact]
    public async Task SaveChangesInsideATransaction_RollsBackToItsSavepoint_AndTheCommitGivesTheTurnOn()
    {
        await using (var db = await NewContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Users.Add(Member("kept"));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            db.Users.Add(Member("kept"));
            await db.Invoking(d => d.SaveChangesAsync()).Should().ThrowAsync<DbUpdateException>("the user name is taken");
            await transaction.CommitAsync();
        }

        await WriteAsync(2);

        (await _store.QueryAsync("""SELECT "UserName" FROM "AspNetUsers" """)).Should().Equal("kept");
        (await _store.QueryAsync("""SELECT "Writer" FROM "WriteOrder" """)).Should().Equal("2");
    }

    [Fact]
    public async Task ATransactionNestedInAnotherContexts_FailsWithinTheLimit_AndTheOuterOneStillCommits()
    {
        await using var outer = await NewContextAsync();
        await using var transaction = await outer.Database.BeginTransactionAsync();
        await outer.Database.ExecuteSqlRawAsync("""INSERT INTO "WriteOrder" VALUES (1)""");

        var nested = () => WriteAsync(2);

        (await nested.Should().ThrowAsync<StoreBusyException>()).Which.Message.Should().Contain("waited 1 s");
        await transaction.CommitAsync();
        await WriteAsync(3);
        (await _store.QueryAsync("""SELECT "Writer" FROM "WriteOrder" ORDER BY rowid""")).Should().Equal("1", "3");
    }

    [Fact]
    public async Task SaveChangesOfSeveralRows_TakesItsTurnForItsOwnTransaction_AndGivesItBack()
    {
        await using (var db = await NewContextAsync())
        {
            db.Users.AddRange(Member("one"), Member("two"));
            await db.SaveChangesAsync();
        }

        await WriteAsync(1);

        (await _store.QueryAsync("""SELECT "UserName" FROM "AspNetUsers" ORDER BY "UserName" """)).Should().Equal("one", "two");
    }

    private static TriageUser Member(string name) => new() { UserName = name, NormalizedUserName = name.ToUpperInvariant() };

    [Fact]
    public async Task ADeferredTransactionThatOnlyReads_TakesNoTurn_AndKeepsNoWriterWaiting()
    {
        await using var reader = await NewContextAsync();
        await using var reading = await reader.Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadUncommitted);
        (await reader.Database.SqlQueryRaw<int>("""SELECT count(*) AS "Value" FROM "WriteOrder" """).SingleAsync()).Should().Be(0);

        await WriteAsync(1);

        (await reader.Database.SqlQueryRaw<int>("""SELECT count(*) AS "Value" FROM "WriteOrder" """).SingleAsync()).Should().Be(0, "a deferred transaction keeps its snapshot");
        await reading.RollbackAsync();
        (await _store.QueryAsync("""SELECT "Writer" FROM "WriteOrder" """)).Should().Equal("1");
    }

    private async Task WriteInTurnAsync(int writer)
    {
        await using var db = await NewContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "WriteOrder" VALUES ({writer})""");
        await transaction.CommitAsync();
    }

    private Task WriteAsync(int writer) => WriteInTurnAsync(writer);

    private Task<TriageDbContext> NewContextAsync() => _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();

    private static WriterQueue Queue(TriageDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.Interceptors!.OfType<SqliteWriteLock>().Single().Queue;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue();
    }
}
