using System.Diagnostics;
using System.Globalization;
using InviteTriage.Data;
using InviteTriage.Data.Accounts;
using InviteTriage.Data.Database;
using InviteTriage.Data.Detection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Benchmarks;

/// <summary>A real SQLite store filled with a synthetic inbox, with the app's own services over it.</summary>
internal sealed class BenchStore : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "invitetriage-bench", Guid.NewGuid().ToString("N"));
    private IHost? _host;

    public string DatabasePath => Path.Combine(_folder, "bench.db");

    public IServiceProvider Services => _host!.Services;

    public List<string> Owners { get; } = [];

    public DateTime Earliest { get; private set; }

    public DateTime Latest { get; private set; }

    /// <summary>Set to count every SQL statement the app's services run against this store.</summary>
    public QueryProfile? Profile { get; init; }

    public static async Task<BenchStore> CreateAsync(int invitations, int recipients, TextWriter? log = null, QueryProfile? profile = null)
    {
        var store = new BenchStore { Profile = profile };
        await store.FillAsync(invitations, recipients, log ?? TextWriter.Null);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        _host?.Dispose();
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task FillAsync(int invitations, int recipients, TextWriter log)
    {
        Directory.CreateDirectory(_folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:InviteTriage"] = $"Data Source={DatabasePath}",
            ["INVITETRIAGE_DATA"] = _folder,
        });
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.AddTriageData();
        if (Profile is { } profile)
        {
            builder.Services.ConfigureDbContext<TriageDbContext>(options => options.AddInterceptors(profile));
        }

        _host = builder.Build();
        await TriageDatabase.MigrateAsync(_host.Services, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        await using (var db = await Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync())
        {
            for (var r = 0; r < recipients; r++)
            {
                var user = new TriageUser { UserName = $"member{r}@example.com", Email = $"member{r}@example.com" };
                db.Users.Add(user);
                Owners.Add(user.Id);
            }

            await db.SaveChangesAsync();
        }

        var inbox = new SyntheticInbox(seed: 7);
        var perRecipient = invitations / recipients;
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO "Invitations" ("OwnerId", "Network", "SenderName", "Company", "CompanyKey", "SenderKey", "SentAt", "SentMinute",
                    "MessageClass", "Status", "Source", "ReceivedAt", "UpdatedAt")
                VALUES ($owner, 'linkedin', $name, $company, $company, $sender, $sentAt, $minute, $class, 0, 3, $sentAt, $sentAt)
                """;
            var owner = insert.Parameters.Add("$owner", SqliteType.Text);
            var name = insert.Parameters.Add("$name", SqliteType.Text);
            var company = insert.Parameters.Add("$company", SqliteType.Text);
            var sender = insert.Parameters.Add("$sender", SqliteType.Text);
            var sentAt = insert.Parameters.Add("$sentAt", SqliteType.Text);
            var minute = insert.Parameters.Add("$minute", SqliteType.Integer);
            var messageClass = insert.Parameters.Add("$class", SqliteType.Integer);
            Earliest = DateTime.MaxValue;
            for (var r = 0; r < recipients; r++)
            {
                foreach (var row in inbox.Recipient(r, perRecipient, 1))
                {
                    owner.Value = Owners[r];
                    name.Value = row.SenderKey[^8..];
                    company.Value = row.CompanyKey;
                    sender.Value = row.SenderKey;
                    // EF Core's own SQLite text format, so that stored times compare as EF writes them.
                    sentAt.Value = row.SentAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                    minute.Value = (long)(row.SentAt - DateTime.UnixEpoch).TotalMinutes;
                    messageClass.Value = row.Generic ? 0 : 1;
                    await insert.ExecuteNonQueryAsync();
                    Earliest = row.SentAt < Earliest ? row.SentAt : Earliest;
                    Latest = row.SentAt > Latest ? row.SentAt : Latest;
                }
            }

            await transaction.CommitAsync();
        }

        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"loaded {invitations:N0} invitations in {clock.Elapsed.TotalSeconds:0.0} s"));
        clock.Restart();
        await Services.GetRequiredService<FlockDetectionService>().RebuildAllAsync(CancellationToken.None);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"rebuilt every member's flocks in {clock.Elapsed.TotalSeconds:0.0} s"));
    }
}
