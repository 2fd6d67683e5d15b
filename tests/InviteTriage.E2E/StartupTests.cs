using System.Diagnostics;

namespace InviteTriage.E2E;

public sealed class StartupTests
{
    [Fact]
    public async Task UnusableDatabasePath_StopsTheAppWithOneClearLineNamingThePath()
    {
        var webOutput = RunningApp.WebOutputFolder();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(webOutput, "InviteTriage.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ConnectionStrings__InviteTriage"] = "Data Source=/proc/no-such-folder/store.db";
        start.Environment["INVITETRIAGE_DATA"] = Path.Combine(Path.GetTempPath(), "invitetriage-e2e-startup");

        using var process = Process.Start(start)!;
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
