using InviteTriage.Data;
using InviteTriage.Data.Accounts;
using InviteTriage.Data.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace InviteTriage.Bench;

/// <summary>The app's store and services over one store of the run, built as the CLI builds them, and migrated.</summary>
internal sealed class BenchInstance : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchInstance(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<BenchInstance> OpenAsync(DatabaseLocation store, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = store.Provider.ToString(),
            ["ConnectionStrings:InviteTriage"] = store.ConnectionString,

            // The data folder holds only the keys of versions before the store kept them; a server store has none.
            ["INVITETRIAGE_DATA"] = store.SqlitePath is { } path
                ? Path.GetDirectoryName(Path.GetFullPath(path))
                : Path.Combine(Path.GetTempPath(), "invitetriage-bench"),
        });
        builder.Services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        builder.AddTriageData();
        var host = builder.Build();
        await TriageDatabase.MigrateAsync(host.Services, CancellationToken.None);
        return new BenchInstance(host);
    }

    public async Task<string> AddMemberAsync(string email)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var user = new TriageUser { UserName = email, Email = email };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async Task<string> MemberIdAsync(string email)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    public static string EmailOf(int member) => $"member{member}@example.com";

    public async ValueTask DisposeAsync()
    {
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        await Task.Yield();
    }
}
