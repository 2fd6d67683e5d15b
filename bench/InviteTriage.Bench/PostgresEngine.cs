using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using InviteTriage.Bench.Scale;
using InviteTriage.Data.Database;
using Npgsql;

namespace InviteTriage.Bench;

/// <summary>
/// PostgreSQL: each store is a database of its own on the server of <paramref name="server"/>, named after the run,
/// and a copy is a <c>CREATE DATABASE … TEMPLATE</c>. The bulk load is <c>COPY … FROM STDIN (FORMAT csv)</c> through
/// Npgsql in this process, the file streamed as it is, so the server parses the CSV as <c>psql</c>'s <c>\copy</c>
/// would have it do. The databases are dropped at the end, unless the run keeps them.
/// </summary>
internal sealed class PostgresEngine(string server, bool keep, TextWriter log) : BenchEngine
{
    private const string BareTable = "invitations";

    private readonly string _prefix = $"invitetriage_bench_{Guid.NewGuid().ToString("N")[..8]}_";
    private readonly HashSet<string> _databases = new(StringComparer.Ordinal);

    public override string BulkLoadName => "`COPY … FROM STDIN (FORMAT csv)` into a bare table";

    public override string BulkLoadTool => "COPY";

    protected override string GroupingSql => WindowGrouping.Postgres;

    public override async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenServerAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT current_setting('server_version'), current_setting('shared_buffers'), current_setting('work_mem'),
                current_setting('maintenance_work_mem'), current_setting('fsync'), current_setting('synchronous_commit')
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL {reader.GetString(0)} on {connection.Host}:{connection.Port} (shared_buffers {reader.GetString(1)}, work_mem {reader.GetString(2)}, maintenance_work_mem {reader.GetString(3)}, fsync {reader.GetString(4)}, synchronous_commit {reader.GetString(5)}), Npgsql {typeof(NpgsqlConnection).Assembly.GetName().Version?.ToString(3)}");
    }

    public override async Task<DatabaseLocation> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var database = _prefix + name;
        await ExecuteAsync($"""DROP DATABASE IF EXISTS "{database}" WITH (FORCE)""", cancellationToken);
        await ExecuteAsync($"""CREATE DATABASE "{database}" """, cancellationToken);
        _databases.Add(database);
        return Location(database);
    }

    public override async Task<DatabaseLocation> CopyAsync(DatabaseLocation from, string name, CancellationToken cancellationToken)
    {
        // A template is copied only while nobody is connected to it, and the app's pools keep idle connections.
        NpgsqlConnection.ClearAllPools();
        var database = _prefix + name;
        await ExecuteAsync($"""DROP DATABASE IF EXISTS "{database}" WITH (FORCE)""", cancellationToken);
        await ExecuteAsync($"""CREATE DATABASE "{database}" TEMPLATE "{new NpgsqlConnectionStringBuilder(from.ConnectionString).Database}" """, cancellationToken);
        _databases.Add(database);
        return Location(database);
    }

    public override async Task<DbConnection> OpenAsync(DatabaseLocation store, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(store.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Timed as <c>sqlite3 .import</c> is: from opening the new, empty database to the end of the load, with a bare
    /// table of text columns named by the file's header row made on the way, in one statement's transaction.
    /// </summary>
    public override async Task<(TimeSpan Elapsed, long Rows)> BulkLoadAsync(string csv, CancellationToken cancellationToken)
    {
        var bare = await CreateAsync("bare", cancellationToken);
        var clock = Stopwatch.StartNew();
        await using var connection = (NpgsqlConnection)await OpenAsync(bare, cancellationToken);
        using var file = new StreamReader(csv);
        var header = await file.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException($"{csv} is empty.");
        var columns = string.Join(", ", header.Split(',').Select(c => $"\"{c.Trim().Replace("\"", "\"\"", StringComparison.Ordinal)}\" text"));
        await using (var create = new NpgsqlCommand($"CREATE TABLE {BareTable} ({columns})", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginTextImportAsync($"COPY {BareTable} FROM STDIN (FORMAT csv)", cancellationToken))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        var elapsed = clock.Elapsed;
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {BareTable}", connection);
        return (elapsed, (long)(await count.ExecuteScalarAsync(cancellationToken))!);
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var database in _databases.Order(StringComparer.Ordinal))
        {
            if (keep)
            {
                await log.WriteLineAsync($"kept database {database}");
            }
            else
            {
                await ExecuteAsync($"""DROP DATABASE IF EXISTS "{database}" WITH (FORCE)""", CancellationToken.None);
            }
        }
    }

    private DatabaseLocation Location(string database) =>
        new(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString());

    private async Task<NpgsqlConnection> OpenServerAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenServerAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
