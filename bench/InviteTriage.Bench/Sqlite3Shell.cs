using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace InviteTriage.Bench;

/// <summary>The <c>sqlite3</c> command-line shell, the yardstick of issue 4: <c>.import</c> of a CSV into a bare table.</summary>
internal static class Sqlite3Shell
{
    public const string InstallHint = "sqlite3 is not installed; on Debian: sudo apt-get install -y sqlite3";

    /// <summary>Imports <paramref name="csv"/> into a new table of a new database file; returns the time taken and the rows stored.</summary>
    public static async Task<(TimeSpan Elapsed, long Rows)> ImportAsync(string csv, string database, CancellationToken cancellationToken)
    {
        foreach (var file in new[] { database, database + "-journal", database + "-wal" })
        {
            File.Delete(file);
        }

        var clock = Stopwatch.StartNew();
        await RunAsync(database, $".import --csv '{csv.Replace("'", "''", StringComparison.Ordinal)}' invitations", cancellationToken);
        var elapsed = clock.Elapsed;
        var count = await RunAsync(database, "SELECT count(*) FROM invitations;", cancellationToken);
        return (elapsed, long.Parse(count.Trim(), CultureInfo.InvariantCulture));
    }

    /// <summary>The shell's SQLite version, e.g. "3.40.1".</summary>
    public static async Task<string> VersionAsync(CancellationToken cancellationToken) =>
        (await RunAsync(":memory:", "SELECT sqlite_version();", cancellationToken)).Trim();

    private static async Task<string> RunAsync(string database, string command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("sqlite3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-batch");
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(command);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(InstallHint);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(InstallHint, ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0
                ? await output
                : throw new InvalidOperationException($"sqlite3 failed ({process.ExitCode}): {error.Trim()}");
        }
    }
}
