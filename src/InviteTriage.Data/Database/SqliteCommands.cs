using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace InviteTriage.Data.Database;

/// <summary>
/// Prepared commands on a context's own connection and transaction, for the set-based paths that write many rows
/// (imports, flock rebuilds) without EF Core's change tracker. Values are written exactly as EF Core writes them, so
/// that EF Core reads and compares them alike.
/// </summary>
internal sealed class SqliteCommands(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    private readonly List<SqliteCommand> _commands = [];

    public SqliteConnection Connection => connection;

    /// <summary>The connection and transaction of <paramref name="db"/>, which must be in one.</summary>
    public static SqliteCommands Of(TriageDbContext db) =>
        new((SqliteConnection)db.Database.GetDbConnection(),
            (SqliteTransaction)(db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("Set-based writes run inside the caller's transaction.")));

    /// <summary>A command whose parameters are named in <paramref name="sql"/> as $name, bound by position on each use.</summary>
    public SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        _commands.Add(command);
        return command;
    }

    public static SqliteCommand Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                DateTime time => Text(time),
                Enum value => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                var value => value,
            };
        }

        return command;
    }

    /// <summary>Runs one statement that is not worth preparing (a pragma, DDL, a single query).</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    // EF Core's SQLite text form of a DateTime; stored times are UTC (UtcDateTimeConverter).
    public static string Text(DateTime time) =>
        (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static DateTime Time(SqliteDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public static string? TextOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? LongOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
