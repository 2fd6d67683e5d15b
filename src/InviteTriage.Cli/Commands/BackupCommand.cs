using System.CommandLine;
using System.Globalization;
using InviteTriage.Data.Database;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Cli.Commands;

/// <summary>
/// <c>backup --out PATH</c>: a consistent copy of the store, safe to take while the web app runs. Exit 0 with what was
/// copied on stdout, or 2 with the reason and nothing written.
/// </summary>
internal static class BackupCommand
{
    public static Command Create(CliHost host)
    {
        var output = new Option<string>("--out") { Description = "The file to write the backup to; it must not exist yet.", Required = true };

        var command = new Command("backup", "Copy the database with SQLite's online backup API, consistent even while the app runs.") { output };
        command.SetAction((parsed, cancellationToken) => host.RunAsync(async (services, ct) =>
        {
            var result = await services.GetRequiredService<StoreBackup>().WriteAsync(parsed.GetValue(output)!, ct);
            if (result.Error is { } error)
            {
                await host.Console.Error.WriteLineAsync(error);
                return ExitCodes.Failed;
            }

            await host.Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Backed up {result.Invitations:N0} invitation(s) of {result.Members} member(s) to {result.Path} ({result.Bytes / (1024.0 * 1024.0):0.0} MB)."));
            await host.Console.Error.WriteLineAsync(
                "The copy holds the keys that read stored mailbox passwords and sign-in cookies: keep it as safe as the store itself.");
            return ExitCodes.Success;
        }, cancellationToken));

        return command;
    }
}
