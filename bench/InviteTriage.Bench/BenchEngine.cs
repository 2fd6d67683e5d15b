using System.Data.Common;
using System.Diagnostics;
using InviteTriage.Bench.Scale;
using InviteTriage.Core.Detection;
using InviteTriage.Data.Database;

namespace InviteTriage.Bench;

/// <summary>
/// The database engine a run measures the app on, and everything the harness does differently on it: where the run's
/// stores are and how one is copied, and the yardsticks beside the app (a bulk load of the CSV into a bare table, the
/// flock grouping as one SQL query, a plain read of what a rebuild reads). A store is named by the app's own
/// <see cref="DatabaseLocation"/>, so the app's services, the child processes and the yardsticks reach it alike.
/// </summary>
internal abstract class BenchEngine : IAsyncDisposable
{
    public static BenchEngine For(BenchOptions options, string folder, TextWriter log) => options.Provider switch
    {
        DatabaseProvider.Postgres => new PostgresEngine(options.Connection!, options.Keep, log),
        _ => new SqliteEngine(folder),
    };

    /// <summary>How the tables name the bulk load, e.g. "`sqlite3 .import` into a bare table".</summary>
    public abstract string BulkLoadName { get; }

    /// <summary>The bulk load's tool in a few words, e.g. "sqlite3 .import", for targets and log lines.</summary>
    public abstract string BulkLoadTool { get; }

    /// <summary>DETECTION.md's grouping and surprise test in the engine's dialect (<see cref="WindowGrouping"/>).</summary>
    protected abstract string GroupingSql { get; }

    /// <summary>The engine's name, version and settings, for the machine's details.</summary>
    public abstract Task<string> VersionAsync(CancellationToken cancellationToken);

    /// <summary>A new, empty store called <paramref name="name"/>, in place of any store of that name; not migrated yet.</summary>
    public abstract Task<DatabaseLocation> CreateAsync(string name, CancellationToken cancellationToken);

    /// <summary>A copy of <paramref name="from"/>, whose every connection is closed, as a store called <paramref name="name"/>.</summary>
    public abstract Task<DatabaseLocation> CopyAsync(DatabaseLocation from, string name, CancellationToken cancellationToken);

    /// <summary>A connection of the harness's own to <paramref name="store"/>, past the app's services, for the yardsticks and checks.</summary>
    public abstract Task<DbConnection> OpenAsync(DatabaseLocation store, CancellationToken cancellationToken);

    /// <summary>Loads <paramref name="csv"/> into a new bare table; returns the time taken and the rows stored.</summary>
    public abstract Task<(TimeSpan Elapsed, long Rows)> BulkLoadAsync(string csv, CancellationToken cancellationToken);

    /// <summary>The grouping of DETECTION.md over every member of the store, in SQL, with the surprise test; returns the time and counts.</summary>
    public async Task<(TimeSpan Elapsed, GroupCounts Counts)> GroupAsync(DatabaseLocation store, DetectionSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(store, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = GroupingSql;
        command.CommandTimeout = 0;
        Bind(command, "@gap", (long)settings.Gap.TotalSeconds);
        Bind(command, "@span", (long)settings.Span.TotalSeconds);
        Bind(command, "@minSenders", settings.MinSenders);
        Bind(command, "@alpha", settings.Alpha);
        var clock = Stopwatch.StartNew();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var counts = new GroupCounts(reader.GetInt64(0), reader.GetInt64(1));
        return (clock.Elapsed, counts);
    }

    /// <summary>Reads every column a rebuild reads, of every invitation with a company, in the rebuild's order.</summary>
    public async Task<(TimeSpan Elapsed, long Rows)> ReadAsync(DatabaseLocation store, CancellationToken cancellationToken)
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

    /// <summary>Removes the run's stores, unless it keeps them.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>Binds <paramref name="value"/> to <paramref name="name"/>, written with its <c>@</c>, which both engines' SQL reads.</summary>
    public static void Bind(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
