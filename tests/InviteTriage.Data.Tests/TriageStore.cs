using InviteTriage.Data.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InviteTriage.Data.Tests;

/// <summary>A real, migrated SQLite store in a temporary file, with the Data layer's services, for one test class.</summary>
public sealed class TriageStore : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "invitetriage-tests", Guid.NewGuid().ToString("N"));
    private IHost? _host;

    public string DatabasePath => Path.Combine(_folder, "store.db");

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The store is not started.");

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:InviteTriage"] = $"Data Source={DatabasePath}",
            ["INVITETRIAGE_DATA"] = _folder,
        });
        builder.Services.AddLogging();
        builder.AddTriageData();
        _host = builder.Build();
        await TriageDatabase.MigrateAsync(_host.Services, CancellationToken.None);
    }

    public AsyncServiceScope CreateScope() => Services.CreateAsyncScope();

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
