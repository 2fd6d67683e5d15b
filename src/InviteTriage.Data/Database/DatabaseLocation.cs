using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace InviteTriage.Data.Database;

/// <summary>
/// Where the store is: <c>Database:Provider</c> and <c>ConnectionStrings:InviteTriage</c>, or the default file; and how
/// long a write waits for the store's write lock on PostgreSQL, <c>Database:LockTimeout</c>.
/// </summary>
public sealed record DatabaseLocation(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionStringName = "InviteTriage";
    public const string LockTimeoutKey = "Database:LockTimeout";

    /// <summary>
    /// The wait of SQLite's writer queue (the connection string's Default Timeout, 30 s; SqliteWriteLock), so that a
    /// writer of the web app gives up after the same wait on both stores.
    /// </summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// PostgreSQL: how long a transaction waits for the write lock (PostgresWriteLock), or any other lock, before it
    /// fails with <see cref="StoreBusyException"/>; zero waits as long as it takes.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = DefaultLockTimeout;

    /// <summary>The folder for the default database and the log files, shared by the web app and the CLI.</summary>
    public static string DataFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "InviteTriage");

    public static string DefaultSqlitePath => Path.Combine(DataFolder, "invitetriage.db");

    /// <summary>The data folder, or <c>INVITETRIAGE_DATA</c> when it is set (tests and installs that keep data elsewhere).</summary>
    public static string DataFolderFrom(IConfiguration configuration) =>
        configuration["INVITETRIAGE_DATA"] is { Length: > 0 } folder ? folder : DataFolder;

    /// <summary>The SQLite file, for messages and for creating its folder; null for other providers.</summary>
    public string? SqlitePath => Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(ConnectionString).DataSource
        : null;

    public static DatabaseLocation From(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new DatabaseUnavailableException(
                $"Database:Provider is '{providerText}'; it must be one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new DatabaseUnavailableException(
                    $"Database:Provider is {provider}, so ConnectionStrings:{ConnectionStringName} must be set.");
            }

            connectionString = new SqliteConnectionStringBuilder { DataSource = DefaultSqlitePath }.ToString();
        }

        return new DatabaseLocation(provider, connectionString) { LockTimeout = LockTimeoutFrom(configuration) };
    }

    private static TimeSpan LockTimeoutFrom(IConfiguration configuration)
    {
        var text = configuration[LockTimeoutKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultLockTimeout;
        }

        // PostgreSQL takes the timeout in whole milliseconds, up to about 24 days.
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero && value.TotalMilliseconds <= int.MaxValue
            ? value
            : throw new DatabaseUnavailableException($"{LockTimeoutKey} is '{text}'; write it as hh:mm:ss, for example 00:00:30, or 00:00:00 to wait without end.");
    }

    /// <summary>The SQLite file, or the PostgreSQL server and database; never a password.</summary>
    public override string ToString()
    {
        if (SqlitePath is { } path)
        {
            return path;
        }

        var postgres = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"{Provider} database {postgres.Database} on {postgres.Host}:{postgres.Port}";
    }
}
