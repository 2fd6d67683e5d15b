using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InviteTriage.Data.Database;

/// <summary>
/// Every transaction on SQLite takes its turn in the process's <see cref="WriterQueue"/> before its <c>BEGIN IMMEDIATE</c>,
/// and gives it up when it commits or rolls back, or when its connection closes (a transaction disposed without either
/// rolls back, and EF Core closes the connection it opened for it). Transactions are what write here: decisions, undo,
/// imports, detection and aliases each run in one. The queue is the process's; another process over the same file
/// (the CLI) still meets SQLite's own busy wait. PostgreSQL's counterpart is <see cref="PostgresWriteLock"/>.
/// </summary>
/// <remarks>
/// The writer is the context, which owns one connection: a committed SqliteTransaction no longer knows its connection.
/// A transaction begun with <see cref="IsolationLevel.ReadUncommitted"/>, which Microsoft.Data.Sqlite begins as
/// <c>BEGIN DEFERRED</c>, takes no turn: it holds no lock until it writes, so one that only reads (a preview) keeps no
/// writer waiting; if it does write, it meets SQLite's busy wait like another process would.
/// </remarks>
internal sealed class SqliteWriteLock(WriterQueue queue) : DbTransactionInterceptor, IDbConnectionInterceptor
{
    public WriterQueue Queue => queue;

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (eventData.Context is not { } writer || eventData.IsolationLevel == IsolationLevel.ReadUncommitted)
        {
            return result;
        }

        queue.Enter(writer);
        try
        {
            return InterceptionResult<DbTransaction>.SuppressWithResult(connection.BeginTransaction(eventData.IsolationLevel));
        }
        catch
        {
            queue.Leave(writer);
            throw;
        }
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } writer || eventData.IsolationLevel == IsolationLevel.ReadUncommitted)
        {
            return result;
        }

        await queue.EnterAsync(writer, cancellationToken).ConfigureAwait(false);
        try
        {
            return InterceptionResult<DbTransaction>.SuppressWithResult(
                await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            queue.Leave(writer);
            throw;
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Left(eventData.Context);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Left(eventData.Context);

    // A failed commit or rollback ends the turn too; SQLite's own lock still guards the store until the transaction
    // is disposed. A failed savepoint does not end the transaction.
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        if (eventData.Action is "Commit" or "Rollback")
        {
            Leave(eventData.Context);
        }
    }

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Leave(eventData.Context);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Left(eventData.Context);

    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Leave(DbContext? context)
    {
        if (context is not null)
        {
            queue.Leave(context);
        }
    }

    private Task Left(DbContext? context)
    {
        Leave(context);
        return Task.CompletedTask;
    }
}
