using InviteTriage.Data.Database;
using Microsoft.Data.Sqlite;

namespace InviteTriage.Data.Tests;

/// <summary>A store in a SQLite file of its own, in a temporary folder.</summary>
public sealed class SqliteStore : TriageStore
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string DatabasePath => Path.Combine(Folder, "store.db");

    public override TriageStore Another() => new SqliteStore();

    public override Task<string> ChecksumAsync() => Corpus.StoreChecksum.OfAsync(DatabasePath);

    public override Task<List<string>> IndexDefinitionsAsync() =>
        QueryAsync("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");

    protected override Task<Dictionary<string, string?>> CreateAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["ConnectionStrings:InviteTriage"] = $"Data Source={DatabasePath}" });

    protected override async Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
    }
}
