namespace InviteTriage.Cli.Tests;

/// <summary>Runs the real command line in-process against a real SQLite file, capturing what it prints.</summary>
public sealed class CliRun : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "invitetriage-cli-tests", Guid.NewGuid().ToString("N"));

    public CliRun() => Directory.CreateDirectory(_folder);

    public string DatabasePath => Path.Combine(_folder, "store.db");

    public string ConnectionString => $"Data Source={DatabasePath}";

    public async Task<CliResult> RunAsync(params string[] args) => await RunWithAsync(ConnectionString, args);

    /// <summary>As if stderr were a terminal, where progress is drawn in place rather than written as lines.</summary>
    public async Task<CliResult> RunOnTerminalAsync(params string[] args) => await RunWithAsync(ConnectionString, errorIsTerminal: true, args);

    public static async Task<CliResult> RunWithAsync(string connectionString, params string[] args) =>
        await RunWithAsync(connectionString, errorIsTerminal: false, args);

    /// <summary>Adds a member, failing the test at once if that does not work.</summary>
    public async Task AddMemberAsync(string email)
    {
        var result = await RunAsync("users", "add", "--email", email, "--password", "a long enough password");
        result.ExitCode.Should().Be(0, result.Error);
    }

    /// <summary>Writes a file into this run's temporary folder and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string PathOf(string name) => Path.Combine(_folder, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<CliResult> RunWithAsync(string connectionString, bool errorIsTerminal, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:InviteTriage"] = connectionString,
            ["INVITETRIAGE_DATA"] = Path.GetDirectoryName(connectionString["Data Source=".Length..]),
        };

        var exitCode = await TriageCli.RunAsync(args, new CliConsole(output, error, errorIsTerminal), configuration, CancellationToken.None);

        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}
