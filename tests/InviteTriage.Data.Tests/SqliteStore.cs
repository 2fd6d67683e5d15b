using InviteTriage.Data.Database;
using Microsoft.Data.Sqlite;

namespace InviteTriage.Data.Tests;

/// <summary>A store in a SQLite file of its own, in a temporary folder.</summary>
public sealed class SqliteStore : TriageStore
{
    private readonly string _connectionOptions;

    public SqliteStore()
        : this("")
    {
    }

    // xunit builds a class fixture through its one public constructor.
    private SqliteStore(string connectionOptions) => _connectionOptions = connectionOptions;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>A store whose connection string adds <paramref name="connectionOptions"/> ("Default Timeout=1").</summary>
    public static SqliteStore With(string connectionOptions) => new(connectionOptions);

    public string DatabasePath => Path.Combine(Folder, "store.db");

    public override TriageStore Another() => new SqliteStore(_connectionOptions);

    public override Task<string> ChecksumAsync() => Corpus.StoreChecksum.OfAsync(DatabasePath);

    public override Task<List<string>> IndexDefinitionsAsync() =>
        QueryAsync("SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name");

    protected override Task<Dictionary<string, string?>> CreateAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["ConnectionStrings:InviteTriage"] = $"Data Source={DatabasePath};{_connectionOptions}" });

    protected override async Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
    }
}
