using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace InviteTriage.Data.Database;

/// <summary>Where the store is: <c>Database:Provider</c> and <c>ConnectionStrings:InviteTriage</c>, or the default file.</summary>
public sealed record DatabaseLocation(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionStringName = "InviteTriage";

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

        return new DatabaseLocation(provider, connectionString);
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
