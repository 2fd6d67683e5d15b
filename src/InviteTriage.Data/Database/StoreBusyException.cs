using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace InviteTriage.Data.Database;

/// <summary>
/// A change gave up waiting for its turn to write: behind the changes before it in this process (<see cref="WriterQueue"/>,
/// SQLite), or for the instance's write lock or another lock after <c>Database:LockTimeout</c> (PostgreSQL). Nothing was
/// changed. It is a <see cref="DbException"/>, as SQLite's "database is locked" is, so what handles the store's refusals
/// handles it too; the web app answers it with 503. The message is meant for the user, as is.
/// </summary>
public sealed class StoreBusyException : DbException
{
    public StoreBusyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public StoreBusyException(string message)
        : base(message)
    {
    }

    public StoreBusyException()
    {
    }

    /// <summary>The message for a store's own "busy" refusal, which says nothing a user can act on.</summary>
    public const string BusyMessage = "The store is busy with other changes, so nothing was changed. Try again.";

    // Another try, once the writer ahead has finished, can succeed.
    public override bool IsTransient => true;

    /// <summary>
    /// Whether the store refused because another writer held it: this exception, SQLite's "database is locked" (a write
    /// outside the writer queue, or from another process such as the CLI, that outwaited the busy timeout), or any
    /// refusal the provider itself calls transient (Npgsql's). SqliteException does not say IsTransient for these.
    /// </summary>
    public static bool IsBusy(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => true,
        DbException { IsTransient: true } => true,
        _ => false,
    };

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
}
