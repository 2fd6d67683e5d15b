using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace InviteTriage.Data.Database;

/// <summary>
/// Every transaction on PostgreSQL first takes one instance-wide advisory lock, held until it commits or rolls back.
/// The services are written for SQLite's single writer: a decision or an undo checks statuses and then changes them,
/// and an import detects over what it just wrote. SQLite's <c>BEGIN IMMEDIATE</c> makes those checks safe; this lock
/// gives PostgreSQL the same guarantee across every web instance and CLI over the database. Statements outside an
/// explicit transaction (page reads, single-statement updates) do not take it; every explicit transaction does, even
/// one that only reads, such as the settings preview.
/// </summary>
/// <remarks>
/// The wait is bounded by <paramref name="timeout"/> (<c>Database:LockTimeout</c>), as SQLite's busy timeout bounds a
/// writer's wait there: without it, a transaction left open (a stuck process, a session in psql) would hold every
/// writer of every instance for good. <c>SET LOCAL</c> keeps the timeout to this transaction, and it covers every lock
/// the transaction waits for after this one too, such as rows an outside session holds.
/// </remarks>
internal sealed class PostgresWriteLock(TimeSpan timeout) : DbTransactionInterceptor
{
    // Any fixed number; the first eight bytes of "InviteTriage" in ASCII, so another application on the same server is unlikely to share it.
    private readonly string _takeLock = string.Create(CultureInfo.InvariantCulture,
        $"SET LOCAL lock_timeout = {(long)timeout.TotalMilliseconds}; SELECT pg_advisory_xact_lock(5291296807503352946)");

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = Command(connection, result);
        try
        {
            command.ExecuteNonQuery();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            result.Dispose();
            throw Busy(ex);
        }

        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        var command = Command(connection, result);
        await using (command.ConfigureAwait(false))
        {
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                // The caller never sees this transaction, so it is rolled back here, and the connection is usable again.
                await result.DisposeAsync().ConfigureAwait(false);
                throw Busy(ex);
            }
        }

        return result;
    }

    private DbCommand Command(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _takeLock;

        // The command's own timeout (Npgsql's 30 s unless the connection string says otherwise) would cut a longer wait
        // short with a less clear error, so the lock timeout decides, and the margin is for the answer to arrive.
        command.CommandTimeout = timeout == TimeSpan.Zero ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalSeconds) + 5);
        return command;
    }

    private StoreBusyException Busy(PostgresException ex) => new(string.Create(CultureInfo.InvariantCulture,
        $"The store is busy: another write held its lock for more than {timeout.TotalSeconds:0.###} s ({DatabaseLocation.LockTimeoutKey}), so nothing was changed. Try again; if it stays busy, a transaction may be left open on the server (see pg_stat_activity)."),
        ex);
}
