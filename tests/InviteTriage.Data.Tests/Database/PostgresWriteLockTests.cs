using System.Data.Common;
using InviteTriage.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InviteTriage.Data.Tests.Database;

/// <summary>
/// Every transaction on PostgreSQL first waits for the instance-wide write lock (PostgresWriteLock). A writer behind a
/// transaction that nobody ends must give up after <c>Database:LockTimeout</c> and say why, as a writer on SQLite gives
/// up after its busy timeout, rather than wait for good; and the timeout must end with its transaction.
/// </summary>
public sealed class PostgresWriteLockTests(PostgresStore store) : IClassFixture<PostgresStore>
{
    [Fact]
    public async Task AWriterBehindAnOpenTransaction_GivesUpAfterTheLockTimeout_AndWritesOnceItIsEnded()
    {
        using var impatient = await store.StartHostAsync(settings: new Dictionary<string, string?> { [DatabaseLocation.LockTimeoutKey] = "00:00:01" });
        await using var holder = await ContextAsync(store.Services);
        var held = await holder.Database.BeginTransactionAsync();
        await using var writer = await ContextAsync(impatient.Services);
        await writer.Database.OpenConnectionAsync();

        var blocked = writer.Database.BeginTransactionAsync();
        var first = await Task.WhenAny(blocked, Task.Delay(TimeSpan.FromSeconds(60)));

        first.Should().BeSameAs(blocked, "a writer behind an open transaction must give up, not wait for good");
        var refused = await FluentActions.Awaiting(() => blocked).Should().ThrowAsync<StoreBusyException>();
        refused.Which.Message.Should().Contain("more than 1 s").And.Contain(DatabaseLocation.LockTimeoutKey);
        refused.Which.InnerException.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.LockNotAvailable);

        await held.CommitAsync();
        await held.DisposeAsync();
        await using (var write = await writer.Database.BeginTransactionAsync())
        {
            (await ShowLockTimeoutAsync(writer)).Should().Be("1s");
            await write.CommitAsync();
        }

        (await ShowLockTimeoutAsync(writer)).Should().Be("0", "SET LOCAL ends with its transaction, so the pooled connection keeps no timeout");
    }

    [Fact]
    public async Task ALockTimeoutLongerThanTheCommandTimeout_StillDecidesTheWait()
    {
        var connection = new NpgsqlConnectionStringBuilder(store.Services.GetRequiredService<DatabaseLocation>().ConnectionString) { CommandTimeout = 1 };
        using var patient = await store.StartHostAsync(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:InviteTriage"] = connection.ToString(),
            [DatabaseLocation.LockTimeoutKey] = "00:00:03",
        });
        await using var holder = await ContextAsync(store.Services);
        await using var held = await holder.Database.BeginTransactionAsync();
        await using var writer = await ContextAsync(patient.Services);

        var write = () => writer.Database.BeginTransactionAsync();

        (await write.Should().ThrowAsync<StoreBusyException>()).Which.Message.Should().Contain("more than 3 s");
    }

    // Through EF Core's own commands, and through the set-based paths' commands (imports, rebuilds), which are not EF's.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ALockHeldOutsideTheApp_EndsInTheLockTimeout_NotInTheCommandTimeout(bool throughEfCore)
    {
        var connection = new NpgsqlConnectionStringBuilder(store.Services.GetRequiredService<DatabaseLocation>().ConnectionString) { CommandTimeout = 1 };
        using var patient = await store.StartHostAsync(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:InviteTriage"] = connection.ToString(),
            [DatabaseLocation.LockTimeoutKey] = "00:00:03",
        });

        // A session of its own, as psql would be: it takes no write lock of the app's, only the table.
        await using var outside = new NpgsqlConnection(store.Services.GetRequiredService<DatabaseLocation>().ConnectionString);
        await outside.OpenAsync();
        await using var held = await outside.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("""LOCK TABLE "Invitations" IN ACCESS EXCLUSIVE MODE""", outside, held))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        await using var writer = await ContextAsync(patient.Services);
        await using var write = await writer.Database.BeginTransactionAsync();
        Func<Task> count = throughEfCore
            ? () => writer.Invitations.CountAsync()
            : () => StoreCommands.Of(writer).ScalarAsync("""SELECT count(*) FROM "Invitations" """, CancellationToken.None);

        var refused = await count.Should().ThrowAsync<Exception>();
        StoreBusyException.IsBusy(refused.Which).Should().BeTrue("the API answers a busy store with 503 and a message to try again");
        Chain(refused.Which).OfType<PostgresException>().Should().ContainSingle().Which.SqlState.Should().Be(PostgresErrorCodes.LockNotAvailable);
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("00:00:10", 10)]
    [InlineData("00:00:00", 0)]
    public void DatabaseLocation_LockTimeout_IsReadFromItsKey_AndIsTheSqliteWriterQueuesWaitUnlessSet(string? setting, int seconds)
    {
        var location = DatabaseLocation.From(Configuration(setting));

        location.LockTimeout.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-00:00:05")]
    [InlineData("30.00:00:00")]
    public void DatabaseLocation_LockTimeoutThatIsNoTime_StopsTheStartWithItsKeyNamed(string setting)
    {
        var from = () => DatabaseLocation.From(Configuration(setting));

        from.Should().Throw<DatabaseUnavailableException>().WithMessage($"{DatabaseLocation.LockTimeoutKey} is '{setting}'*");
    }

    private static IConfiguration Configuration(string? lockTimeout) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:InviteTriage"] = "Host=localhost;Database=invitetriage",
            [DatabaseLocation.LockTimeoutKey] = lockTimeout,
        })
        .Build();

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
        }
    }

    private static Task<TriageDbContext> ContextAsync(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();

    private static async Task<string?> ShowLockTimeoutAsync(TriageDbContext db)
    {
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SHOW lock_timeout";
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return (string?)await command.ExecuteScalarAsync();
    }
}
