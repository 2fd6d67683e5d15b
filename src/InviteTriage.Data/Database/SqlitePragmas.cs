using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InviteTriage.Data.Database;

/// <summary>
/// Per-connection SQLite settings. WAL itself is persistent and set once at start-up; with WAL,
/// synchronous=NORMAL is still crash-safe (a crash can lose only the last commits, never corrupt),
/// and it saves an fsync per transaction. A bulk import grows the write-ahead log to its own size; the size limit
/// truncates the log again after the checkpoint instead of leaving a gigabyte beside the store.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA journal_size_limit=67108864;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
