using System.Diagnostics;
using System.Text.RegularExpressions;

namespace InviteTriage.Cli.Tests.CrashSafety;

/// <summary>The real command line in a process of its own, which a test can kill like a power cut (SIGKILL).</summary>
public sealed partial class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _out;
    private readonly Task<string> _error;

    private CliProcess(Process process)
    {
        _process = process;
        _out = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts <c>invitetriage args…</c> against the store at <paramref name="databasePath"/>.</summary>
    public static CliProcess Start(string databasePath, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "invitetriage.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__InviteTriage"] = $"Data Source={databasePath}";
        start.Environment["INVITETRIAGE_DATA"] = Path.GetDirectoryName(databasePath);
        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("The command line did not start."));
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process at once, as kill -9 does: no finally block, no rollback, no flush.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Waits for the import to finish. A run that has not finished in five minutes (one takes seconds) is killed and
    /// fails the test, so that a hang is reported rather than holding the whole suite.
    /// </summary>
    public async Task<CliResult> WaitAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"The command line did not finish within 5 minutes. It wrote:\n{await _out}\n{await _error}");
        }

        return new CliResult(_process.ExitCode, await _out, await _error);
    }

    /// <summary>A count from the import's summary on stdout, such as "added: 4".</summary>
    public static int Count(CliResult result, string name)
    {
        var match = SummaryLine().Matches(result.Out).FirstOrDefault(m => m.Groups[1].Value == name);
        return match is null ? throw new InvalidOperationException($"No '{name}:' in the summary:\n{result.Out}\n{result.Error}") : int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _process.Dispose();

    [GeneratedRegex(@"^(\w+): (\d+)", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();
}
