using System.Data.Common;
using InviteTriage.Bench.Scale;
using InviteTriage.Data.Database;
using Microsoft.Data.Sqlite;

namespace InviteTriage.Bench;

/// <summary>
/// SQLite: each store is a file in the run's folder. The bulk load is the <c>sqlite3</c> shell's <c>.import</c>
/// (<see cref="Sqlite3Shell"/>); the grouping query and the plain read run in this process through
/// Microsoft.Data.Sqlite, the same library and SQLite build as the app's rebuild, on the same store file.
/// </summary>
internal sealed class SqliteEngine(string folder) : BenchEngine
{
    private static readonly string[] Suffixes = ["", "-wal", "-shm", "-journal"];

    public override string BulkLoadName => "`sqlite3 .import` into a bare table";

    public override string BulkLoadTool => "sqlite3 .import";

    protected override string GroupingSql => WindowGrouping.Sqlite;

    public override async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var inProcess = (string?)await command.ExecuteScalarAsync(cancellationToken);
        var shell = await Sqlite3Shell.VersionAsync(cancellationToken);
        return $"SQLite {inProcess} in process (Microsoft.Data.Sqlite), sqlite3 shell {shell}";
    }

    public override Task<DatabaseLocation> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        Delete(path);
        return Task.FromResult(Location(path));
    }

    /// <summary>Copies the files of a closed store (its WAL was checkpointed when its last connection closed).</summary>
    public override Task<DatabaseLocation> CopyAsync(DatabaseLocation from, string name, CancellationToken cancellationToken)
    {
        SqliteConnection.ClearAllPools();
        var (source, path) = (from.SqlitePath!, PathOf(name));
        Delete(path);
        foreach (var suffix in Suffixes)
        {
            if (File.Exists(source + suffix))
            {
                File.Copy(source + suffix, path + suffix);
            }
        }

        return Task.FromResult(Location(path));
    }

    public override async Task<DbConnection> OpenAsync(DatabaseLocation store, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store.SqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override Task<(TimeSpan Elapsed, long Rows)> BulkLoadAsync(string csv, CancellationToken cancellationToken) =>
        Sqlite3Shell.ImportAsync(csv, PathOf("bare"), cancellationToken);

    // The files are in the run's folder, which the run removes or keeps.
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string PathOf(string name) => Path.Combine(folder, name + ".db");

    private static DatabaseLocation Location(string path) => new(DatabaseProvider.Sqlite, $"Data Source={path}");

    private static void Delete(string path)
    {
        foreach (var suffix in Suffixes)
        {
            File.Delete(path + suffix);
        }
    }
}
