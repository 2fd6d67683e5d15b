namespace InviteTriage.E2E;

public sealed class StartupTests : IDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "invitetriage-e2e-startup", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task UnusableDatabasePath_StopsTheAppWithOneClearLineNamingThePath()
    {
        using var process = RunningApp.Start("http://127.0.0.1:0", "Data Source=/proc/no-such-folder/store.db", _dataFolder);

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var printed = await output + await error;

        process.ExitCode.Should().Be(1);
        var fatal = printed.Split('\n').Where(line => line.Contains("FTL", StringComparison.Ordinal)).ToList();
        fatal.Should().ContainSingle().Which.Should().Contain("/proc/no-such-folder/store.db");
        printed.Should().NotContain("   at ", "the admin gets a message, not a stack trace");
    }
}
