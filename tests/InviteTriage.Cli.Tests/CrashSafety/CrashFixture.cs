using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace InviteTriage.Cli.Tests.CrashSafety;

/// <summary>
/// Made once for the crash tests: the 200,000-row file, an empty store with its member (copied for each trial), and
/// what one uninterrupted import of the file leaves, with how long it took.
/// </summary>
public sealed class CrashFixture : IAsyncLifetime
{
    public const string Member = "crash@example.com";
    public const int Rows = 200_000;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "invitetriage-crash", Guid.NewGuid().ToString("N"));
    private int _stores;

    public string Csv => Path.Combine(_folder, "invitations.csv");

    public StoreState Empty { get; private set; } = null!;

    public StoreState Uninterrupted { get; private set; } = null!;

    public CliResult UninterruptedRun { get; private set; } = null!;

    public TimeSpan UninterruptedTime { get; private set; }

    private string Template => Path.Combine(_folder, "template.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        CrashCsv.Write(Csv, Rows, seed: 6);
        var added = await CliRun.RunWithAsync($"Data Source={Template}", "users", "add", "--email", Member, "--password", "a long enough password");
        added.ExitCode.Should().Be(0, added.Error);

        // The template is copied as one file, so everything must be in it rather than in its write-ahead log.
        await using (var connection = new SqliteConnection($"Data Source={Template};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        Empty = await StoreState.ReadAsync(NewStore());

        var store = NewStore();
        var clock = Stopwatch.StartNew();
        using var import = ImportProcess(store);
        UninterruptedRun = await import.WaitAsync();
        UninterruptedTime = clock.Elapsed;
        Uninterrupted = await StoreState.ReadAsync(store);
    }

    /// <summary>A new store, a copy of the empty one with its member.</summary>
    public string NewStore()
    {
        var folder = Path.Combine(_folder, $"store{Interlocked.Increment(ref _stores)}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "store.db");
        File.Copy(Template, path);
        return path;
    }

    public CliProcess ImportProcess(string store) => CliProcess.Start(store, "import", "--user", Member, "--format", "csv", Csv);

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
