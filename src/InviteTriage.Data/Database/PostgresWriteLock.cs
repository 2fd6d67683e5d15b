using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InviteTriage.Data.Database;

/// <summary>
/// Every transaction on PostgreSQL first takes one instance-wide advisory lock, held until it commits or rolls back.
/// The services are written for SQLite's single writer: a decision or an undo checks statuses and then changes them,
/// and an import detects over what it just wrote. SQLite's <c>BEGIN IMMEDIATE</c> makes those checks safe; this lock
/// gives PostgreSQL the same guarantee across every web instance and CLI over the database. Statements outside an
/// explicit transaction (page reads, single-statement updates) do not take it; every explicit transaction does, even
/// one that only reads, such as the settings preview.
/// </summary>
internal sealed class PostgresWriteLock : DbTransactionInterceptor
{
    // Any fixed number; the first eight bytes of "InviteTriage" in ASCII, so another application on the same server is unlikely to share it.
    private const string TakeLock = "SELECT pg_advisory_xact_lock(5291296807503352946)";

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = Command(connection, result);
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        var command = Command(connection, result);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TakeLock;
        return command;
    }
}
