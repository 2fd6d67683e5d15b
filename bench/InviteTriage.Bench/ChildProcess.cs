using System.Diagnostics;
using System.Text.Json;
using InviteTriage.Data.Database;

namespace InviteTriage.Bench;

/// <summary>
/// Runs this harness again as a child process, so that the child's peak memory is its own work's alone, and reads the
/// one JSON line it prints last.
/// </summary>
internal static class ChildProcess
{
    public static async Task<T> RunAsync<T>(string command, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var self = Environment.ProcessPath ?? "dotnet";
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        start.ArgumentList.Add(command);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"The {command} child did not start.");
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return (last is null ? default : JsonSerializer.Deserialize<T>(last))
            ?? throw new InvalidOperationException($"The {command} child exited with {child.ExitCode} and no result.");
    }

    /// <summary>The value after <paramref name="name"/> in a child's arguments.</summary>
    public static string ValueOf(IReadOnlyList<string> args, string command, string name)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        throw new ArgumentException($"{command} needs {name}");
    }

    /// <summary>A store, as a child's arguments name it; <see cref="StoreOf"/> reads them back.</summary>
    public static string[] StoreArgs(DatabaseLocation store) => ["--provider", store.Provider.ToString(), "--store", store.ConnectionString];

    public static DatabaseLocation StoreOf(IReadOnlyList<string> args, string command) =>
        new(Enum.Parse<DatabaseProvider>(ValueOf(args, command, "--provider")), ValueOf(args, command, "--store"));
}
