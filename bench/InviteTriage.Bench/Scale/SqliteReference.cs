using System.Diagnostics;
using InviteTriage.Core.Detection;
using Microsoft.Data.Sqlite;

namespace InviteTriage.Bench.Scale;

/// <summary>
/// The SQLite yardsticks. The bulk load is the <c>sqlite3</c> shell's <c>.import</c> (<see cref="Sqlite3Shell"/>); the
/// grouping query and the plain read run in this process through Microsoft.Data.Sqlite, the same library and SQLite
/// build as the app's rebuild, on the same store file.
/// </summary>
internal sealed class SqliteReference : IReferenceEngine
{
    public string BulkLoadName => "`sqlite3 .import` into a bare table";

    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var inProcess = (string?)await command.ExecuteScalarAsync(cancellationToken);
        var shell = await Sqlite3Shell.VersionAsync(cancellationToken);
        return $"SQLite {inProcess} in process (Microsoft.Data.Sqlite), sqlite3 shell {shell}";
    }

    public Task<(TimeSpan Elapsed, long Rows)> BulkLoadAsync(string csv, string scratch, CancellationToken cancellationToken) =>
        Sqlite3Shell.ImportAsync(csv, scratch + ".db", cancellationToken);

    public async Task<(TimeSpan Elapsed, GroupCounts Counts)> GroupAsync(string store, DetectionSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(store, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = WindowGrouping.Sql;
        command.CommandTimeout = 0;
        command.Parameters.AddWithValue("$gap", (long)settings.Gap.TotalSeconds);
        command.Parameters.AddWithValue("$span", (long)settings.Span.TotalSeconds);
        command.Parameters.AddWithValue("$minSenders", settings.MinSenders);
        command.Parameters.AddWithValue("$alpha", settings.Alpha);
        var clock = Stopwatch.StartNew();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var counts = new GroupCounts(reader.GetInt64(0), reader.GetInt64(1));
        return (clock.Elapsed, counts);
    }

    public async Task<(TimeSpan Elapsed, long Rows)> ReadAsync(string store, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(store, cancellationToken);
        await using var command = connection.CreateCommand();

        // DetectionLoader.CompanyRowsAsync's columns and order, for every member at once.
        command.CommandText = """
            SELECT "Id", "CompanyKey", "SenderKey", "SentAt", "MessageClass", "Company", "SenderName", "Status", "FlockId"
            FROM "Invitations"
            WHERE "CompanyKey" IS NOT NULL
            ORDER BY "OwnerId", "CompanyKey", "SentAt", "Id"
            """;
        command.CommandTimeout = 0;
        var clock = Stopwatch.StartNew();
        long rows = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // Every value is read and converted, as the rebuild reads it.
            _ = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetDateTime(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetInt32(7), reader.IsDBNull(8) ? (long?)null : reader.GetInt64(8));
            rows++;
        }

        return (clock.Elapsed, rows);
    }

    private static async Task<SqliteConnection> OpenAsync(string store, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
