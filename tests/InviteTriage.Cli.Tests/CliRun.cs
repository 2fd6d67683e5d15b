namespace InviteTriage.Cli.Tests;

/// <summary>Runs the real command line in-process against a real SQLite file, capturing what it prints.</summary>
public sealed class CliRun : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "invitetriage-cli-tests", Guid.NewGuid().ToString("N"));

    public CliRun() => Directory.CreateDirectory(_folder);

    public string DatabasePath => Path.Combine(_folder, "store.db");

    public async Task<CliResult> RunAsync(params string[] args) => await RunWithAsync($"Data Source={DatabasePath}", args);

    public static async Task<CliResult> RunWithAsync(string connectionString, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new Dictionary<string, string?> { ["ConnectionStrings:InviteTriage"] = connectionString };

        var exitCode = await TriageCli.RunAsync(args, new CliConsole(output, error), configuration, CancellationToken.None);

        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
