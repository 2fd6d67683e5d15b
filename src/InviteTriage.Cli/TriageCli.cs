using System.CommandLine;
using InviteTriage.Cli.Commands;

namespace InviteTriage.Cli;

/// <summary>The <c>invitetriage</c> command line: the verbs of DESIGN.md over the same services as the web app.</summary>
internal static class TriageCli
{
    // configuration wins over appsettings and the environment; the tests pass their database through it.
    public static async Task<int> RunAsync(string[] args, CliConsole console, IReadOnlyDictionary<string, string?>? configuration, CancellationToken cancellationToken)
    {
        var host = new CliHost(console, configuration);
        var root = new RootCommand("InviteTriage: triage connection invitations and answer invitation flocks together.")
        {
            UsersCommand.Create(host),
            TokensCommand.Create(host),
            ImportCommand.Create(host),
            DetectCommand.Create(host),
            FlocksCommand.Create(host),
            InvitationsCommand.Create(host),
            ActCommand.Create(host),
            HistoryCommand.Create(host),
            DemoCommand.Create(host),
            BackupCommand.Create(host),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync(error.Message);
            }

            await console.Error.WriteLineAsync("Run 'invitetriage --help' for usage.");
            return ExitCodes.Failed;
        }

        try
        {
            // Without this, System.CommandLine prints a stack trace and exits 1, which DESIGN.md reserves for partly rejected input.
            var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("Cancelled.");
            return ExitCodes.Failed;
        }
        catch (Exception ex)
        {
            await console.Error.WriteLineAsync($"invitetriage failed: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
