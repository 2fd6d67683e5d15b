using System.CommandLine;
using InviteTriage.Core.Flocks;
using InviteTriage.Data.Demo;
using InviteTriage.Data.Flocks;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Cli.Commands;

/// <summary>
/// <c>demo --user E</c>: fills the member's inbox with a generated fictional one, through the real import and
/// detection. Running it again adds nothing.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliHost host)
    {
        var user = CliOptions.User("The e-mail of the member who receives the demo invitations.");

        var command = new Command("demo", "Load realistic fictional demo data: months of invitations with flocks, repeats and near misses.") { user };
        command.SetAction((parsed, cancellationToken) => host.RunAsMemberAsync(parsed.GetValue(user)!, async (services, member, ct) =>
        {
            var summary = await services.GetRequiredService<DemoDataService>().LoadAsync(member.Id, member.Email, ct);
            if (summary.Error is { } error)
            {
                await host.Console.Error.WriteLineAsync(error);
                return ExitCodes.Failed;
            }

            foreach (var rejection in summary.Rejected)
            {
                await host.Console.Error.WriteLineAsync(rejection.Error);
            }

            var flocks = await services.GetRequiredService<FlockQueries>().ListAsync(member.Id, FlockStatus.Open, ct);
            var likely = flocks.Count(f => f.Severity == FlockSeverity.Likely);
            await host.Console.Out.WriteLineAsync(
                $"Loaded demo data for {member.Email}: {summary.Added} invitation(s) added, {summary.Duplicates} already there.");
            await host.Console.Out.WriteLineAsync(
                $"Open flocks: {flocks.Count} ({likely} likely, {flocks.Count - likely} review). See them with 'invitetriage flocks --user {member.Email}'.");
            return summary.RejectedCount > 0 ? ExitCodes.PartlyRejected : ExitCodes.Success;
        }, cancellationToken));

        return command;
    }
}
