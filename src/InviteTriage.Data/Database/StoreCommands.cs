using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace InviteTriage.Data.Database;

/// <summary>
/// Prepared commands on a context's own connection and transaction, for the set-based paths that write many rows
/// (imports, flock rebuilds) without EF Core's change tracker. The SQL is written once for both stores: parameters are
/// named <c>@name</c>, which SQLite and Npgsql both read, and what differs goes through <see cref="Dialect"/>. Values are
/// written exactly as EF Core writes them, so that EF Core reads and compares them alike.
/// </summary>
/// <remarks>
/// They run with the context's command timeout, as EF Core's own commands do: on PostgreSQL it outlasts the lock
/// timeout (<see cref="PostgresDialect"/>), so that a wait for a lock ends in the store's clear refusal.
/// </remarks>
internal sealed class StoreCommands(DbConnection connection, DbTransaction? transaction, StoreDialect dialect, int? commandTimeout) : IDisposable
{
    private readonly List<DbCommand> _commands = [];

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction ?? throw new InvalidOperationException("These commands read outside a transaction.");

    public StoreDialect Dialect => dialect;

    /// <summary>The connection and transaction of <paramref name="db"/>, which must be in one.</summary>
    public static StoreCommands Of(TriageDbContext db) =>
        new(db.Database.GetDbConnection(),
            db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("Set-based writes run inside the caller's transaction."),
            StoreDialect.Of(db),
            db.Database.GetCommandTimeout());

    /// <summary>
    /// Commands that only read, on a context's own connection: inside its transaction when it is in one, otherwise
    /// outside any, each statement seeing what is committed when it starts (on PostgreSQL an explicit transaction
    /// would wait for the instance's write lock).
    /// </summary>
    public static async Task<StoreCommands> ReadingAsync(TriageDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new StoreCommands(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), StoreDialect.Of(db), db.Database.GetCommandTimeout());
    }

    /// <summary>A command whose parameters are named in <paramref name="sql"/> as @name, bound by position on each use.</summary>
    public DbCommand Prepare(string sql, params string[] parameters)
    {
        var command = Command(sql);
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }

        _commands.Add(command);
        return command;
    }

    public DbCommand Bind(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = dialect.Value(values[i]);
        }

        return command;
    }

    /// <summary>Runs one statement that is not worth preparing (a setting, DDL, a single query).</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>A command on this connection and transaction that the caller disposes; <see cref="Prepare"/> keeps its own.</summary>
    public DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (commandTimeout is { } seconds)
        {
            command.CommandTimeout = seconds;
        }

        return command;
    }

    // SQLite hands times back as Unspecified and PostgreSQL as UTC; stored times are UTC (UtcDateTimeConverter).
    public static DateTime Time(DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public static string? TextOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? LongOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
