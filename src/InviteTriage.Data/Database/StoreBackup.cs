using System.Globalization;
using Microsoft.Data.Sqlite;

namespace InviteTriage.Data.Database;

/// <summary>
/// A copy of the SQLite store made with SQLite's online backup API, so it is consistent while the web app keeps
/// writing: the copy is read in one read transaction, and with WAL that blocks no writer. The copy is written beside
/// its destination under a temporary name, checked, and only then given its name, so a failed backup never leaves a
/// half-written file where a good one is expected.
/// </summary>
public sealed class StoreBackup(DatabaseLocation location)
{
    public async Task<StoreBackupResult> WriteAsync(string destination, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        if (location.SqlitePath is not { } sourcePath || sourcePath == ":memory:")
        {
            return StoreBackupResult.Refused(
                $"Only a SQLite store in a file can be backed up this way, and this one is {location}. Back up a PostgreSQL store with pg_dump.");
        }

        var source = Path.GetFullPath(sourcePath);
        var target = Path.GetFullPath(destination);
        if (!File.Exists(source))
        {
            return StoreBackupResult.Refused($"There is no database at {source} to back up.");
        }

        if (string.Equals(source, target, StringComparison.Ordinal) || File.Exists(target))
        {
            return StoreBackupResult.Refused($"{target} already exists; a backup never overwrites a file. Name a new one.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = $"{target}.partial";
        File.Delete(partial);
        try
        {
            var counts = await CopyAsync(source, partial, cancellationToken).ConfigureAwait(false);
            File.Move(partial, target);
            return new StoreBackupResult(target, new FileInfo(target).Length, counts.Members, counts.Invitations, Error: null);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task<(int Members, int Invitations)> CopyAsync(string source, string partial, CancellationToken cancellationToken)
    {
        // No pooling: the files must be closed when this returns, or the move and the caller's next step may find them open.
        var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString());
        await using (from.ConfigureAwait(false))
        await using (to.ConfigureAwait(false))
        {
            await from.OpenAsync(cancellationToken).ConfigureAwait(false);
            await to.OpenAsync(cancellationToken).ConfigureAwait(false);
            from.BackupDatabase(to);

            // The copy is one self-contained file: no -wal beside it that a restore could forget.
            await ScalarAsync(to, "PRAGMA journal_mode=DELETE;", cancellationToken).ConfigureAwait(false);
            var integrity = await ScalarAsync(to, "PRAGMA integrity_check;", cancellationToken).ConfigureAwait(false);
            if (!string.Equals(integrity, "ok", StringComparison.Ordinal))
            {
                throw new DatabaseUnavailableException($"The backup of {source} failed its integrity check: {integrity}");
            }

            var members = await ScalarAsync(to, "SELECT count(*) FROM \"AspNetUsers\";", cancellationToken).ConfigureAwait(false);
            var invitations = await ScalarAsync(to, "SELECT count(*) FROM \"Invitations\";", cancellationToken).ConfigureAwait(false);
            return (int.Parse(members, CultureInfo.InvariantCulture), int.Parse(invitations, CultureInfo.InvariantCulture));
        }
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) ?? "";
        }
    }
}
