using System.Data.Common;

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

    // Another try, once the writer ahead has finished, can succeed.
    public override bool IsTransient => true;
}
