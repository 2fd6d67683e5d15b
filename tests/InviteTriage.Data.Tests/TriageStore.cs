using System.Data.Common;
using InviteTriage.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InviteTriage.Data.Tests;

/// <summary>
/// A real, migrated, empty store with the Data layer's services, for one test class: SQLite in a temporary file
/// (<see cref="SqliteStore"/>) or a database of its own on the test PostgreSQL (<see cref="PostgresStore"/>).
/// </summary>
public abstract class TriageStore : IAsyncLifetime
{
    private IHost? _host;
    private Dictionary<string, string?> _settings = [];

    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), "invitetriage-tests", Guid.NewGuid().ToString("N"));

    public abstract DatabaseProvider Provider { get; }

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The store is not started.");

    /// <summary>A second, empty store of the same provider; the caller initialises and disposes it.</summary>
    public abstract TriageStore Another();

    public async Task InitializeAsync()
    {
        _settings = await CreateAsync();
        _settings["INVITETRIAGE_DATA"] = Folder;
        _host = await StartHostAsync(_settings);
    }

    /// <summary>
    /// Another process over the same database, as a second web instance or the CLI would be: its own services and
    /// data folder (<paramref name="dataFolder"/>, a new one unless named), the same store, and <paramref name="settings"/>
    /// over the store's own. The caller disposes it.
    /// </summary>
    public Task<IHost> StartHostAsync(string? dataFolder = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(_settings)
        {
            ["INVITETRIAGE_DATA"] = dataFolder ?? Path.Combine(Folder, Guid.NewGuid().ToString("N")),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return StartHostAsync(all);
    }

    private static async Task<IHost> StartHostAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.AddTriageData();
        var host = builder.Build();
        await TriageDatabase.MigrateAsync(host.Services, CancellationToken.None);
        return host;
    }

    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    /// <summary>The first column of every row <paramref name="sql"/> returns, as text, read past EF Core.</summary>
    public async Task<List<string>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        await using var command = await CommandAsync(db, sql, parameters);
        var found = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        return found;
    }

    /// <summary>Every column of the first row <paramref name="sql"/> returns, as text by column name.</summary>
    public async Task<Dictionary<string, string>> RowAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        await using var command = await CommandAsync(db, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return [];
        }

        return Enumerable.Range(0, reader.FieldCount).ToDictionary(
            reader.GetName,
            i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
    }

    /// <summary>The row count of every table and one hash over every row, to prove that something changed nothing.</summary>
    public abstract Task<string> ChecksumAsync();

    /// <summary>The definitions of every index of the store, in name order.</summary>
    public abstract Task<List<string>> IndexDefinitionsAsync();

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        await DropAsync();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static async Task<DbCommand> CommandAsync(TriageDbContext db, string sql, (string Name, object Value)[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Creates the empty database and answers the configuration that reaches it.</summary>
    protected abstract Task<Dictionary<string, string?>> CreateAsync();

    protected abstract Task DropAsync();
}
