using InviteTriage.Data.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Web.Tests;

/// <summary>The real web app over a real, empty SQLite file of its own.</summary>
public sealed class TriageWebFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "invitetriage-web-tests", Guid.NewGuid().ToString("N"));
    private readonly IReadOnlyDictionary<string, string> _settings;

    private readonly string _connectionOptions;

    public TriageWebFactory()
        : this(new Dictionary<string, string>())
    {
    }

    private TriageWebFactory(IReadOnlyDictionary<string, string> settings, string connectionOptions = "")
    {
        _settings = settings;
        _connectionOptions = connectionOptions;
        Directory.CreateDirectory(_folder);
    }

    public string DatabasePath => Path.Combine(_folder, "store.db");

    /// <summary>The app with configuration a test needs on top of the defaults, such as a smaller upload limit.</summary>
    public static TriageWebFactory With(IReadOnlyDictionary<string, string> settings) => new(settings);

    /// <summary>The app with more options in its store's connection string, such as "Default Timeout=1".</summary>
    public static TriageWebFactory WithConnectionOptions(string options) => new(new Dictionary<string, string>(), options);

    /// <summary>A fresh app whose store is restored from a backup file, as the README says: the file becomes the database.</summary>
    public static TriageWebFactory RestoredFrom(string backup)
    {
        var factory = new TriageWebFactory();
        File.Copy(backup, factory.DatabasePath);
        return factory;
    }

    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<(string OwnerId, string Token)> CreateMemberWithTokenAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(email, "a long enough password", admin: false, CancellationToken.None);
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokenService>()
            .CreateAsync(account.User!.Id, "tests", CancellationToken.None);
        return (account.User.Id, token.PlainText);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:InviteTriage", $"Data Source={DatabasePath};{_connectionOptions}");
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(_folder, "logs", "test-.log"));
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("INVITETRIAGE_DATA", _folder);
        // No test configures a mailbox; the background sync would only add noise.
        builder.UseSetting("Mailboxes:SyncInterval", "00:00:00");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (disposing)
        {
            DeleteFolder();
        }
    }

    // The host's last writers (the log file's flush, SQLite's WAL files as their connections close) can still be
    // finishing as it is disposed; a few short retries let them, and a temporary folder left behind fails no test.
    private void DeleteFolder()
    {
        for (var attempt = 1; Directory.Exists(_folder); attempt++)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(100);
            }
            catch (IOException)
            {
                return;
            }
        }
    }
}
