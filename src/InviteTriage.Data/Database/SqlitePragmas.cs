using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InviteTriage.Data.Database;

/// <summary>
/// Per-connection SQLite settings, set once on each native connection: the pool hands the same one on, and a statement
/// per context opened was a tenth of a small arrival's statements. WAL itself is persistent and set once at start-up;
/// with WAL, synchronous=NORMAL is still crash-safe (a crash can lose only the last commits, never corrupt), and it
/// saves an fsync per transaction. A bulk import grows the write-ahead log to its own size; the size limit truncates
/// the log again after the checkpoint instead of leaving a gigabyte beside the store. SQLite waits for another
/// process's lock as long as a command may run (the connection string's Default Timeout, 30 s unless it says
/// otherwise), as the process's own writers wait in its <see cref="WriterQueue"/>. Commits checkpoint through
/// <see cref="WalCheckpointer"/>.
/// </summary>
internal sealed class SqlitePragmas(string connectionString) : DbConnectionInterceptor
{
    // Keyed by the native connection, which outlives the SqliteConnection objects the pool lends it to.
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    private readonly string _pragmas = $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={BusyTimeout(connectionString)}; PRAGMA journal_size_limit=67108864;";

    private readonly WalCheckpointer _checkpointer = WalCheckpointer.For(connectionString);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection) is { } sqlite)
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
            Configure(sqlite);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpen(connection) is { } sqlite)
        {
            var command = sqlite.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = _pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            Configure(sqlite);
        }
    }

    // In milliseconds; a Default Timeout of 0 means no limit, and SQLite's largest wait is int.MaxValue.
    private static int BusyTimeout(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString).DefaultTimeout is > 0 and < int.MaxValue / 1000 and var seconds ? seconds * 1000 : int.MaxValue;

    /// <summary>The connection when its native connection has not been configured yet.</summary>
    private static SqliteConnection? FirstOpen(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } sqlite && !Configured.TryGetValue(handle, out _) ? sqlite : null;

    /// <summary>After the settings took: the commits' hook, and the native connection marked as done.</summary>
    private void Configure(SqliteConnection connection)
    {
        _checkpointer.Attach(connection);
        Configured.AddOrUpdate(connection.Handle!, this);
    }
}
