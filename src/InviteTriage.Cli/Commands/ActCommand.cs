using System.CommandLine;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Cli.Commands;

/// <summary>
/// <c>act --user E (--flock ID | --invitation ID...) --action A</c>: one decision, recorded in history. An unknown id
/// or an action that does not apply changes nothing and exits 2.
/// </summary>
internal static class ActCommand
{
    public static Command Create(CliHost host)
    {
        var user = CliOptions.User();
        var flock = new Option<long?>("--flock") { Description = "A flock: the action applies to its pending members (restore: to its decided ones; dismiss: to the flock)." };
        var invitations = new Option<long[]>("--invitation")
        {
            Description = "One or more invitations, as '--invitation 1 2' or '--invitation 1 --invitation 2'.",
            AllowMultipleArgumentsPerToken = true,
        };
        var action = CliOptions.Required<TriageAction>("--action", "What to do; dismiss applies to flocks only.");

        var command = new Command("act", "Accept, archive, mark as not known, restore, or dismiss a flock.") { user, flock, invitations, action };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(flock) is { Implicit: false }) == (result.GetResult(invitations) is { Implicit: false }))
            {
                result.AddError("Name either --flock ID or --invitation ID..., not both.");
            }
        });
        command.SetAction((parsed, cancellationToken) => host.RunAsMemberAsync(parsed.GetValue(user)!, async (services, member, ct) =>
        {
            var triage = services.GetRequiredService<TriageService>();
            var result = parsed.GetValue(flock) is { } flockId
                ? await triage.ActOnFlockAsync(member.Id, member.Email, flockId, parsed.GetValue(action), ct)
                : await triage.ActOnInvitationsAsync(member.Id, member.Email, parsed.GetValue(invitations)!, parsed.GetValue(action), ct);

            if (result.Outcome != TriageOutcome.Done)
            {
                await host.Console.Error.WriteLineAsync(result.Message);
                return ExitCodes.Failed;
            }

            await host.Console.Out.WriteLineAsync(result.EventId is { } eventId ? $"{result.Message} (history event {eventId})." : result.Message);
            return ExitCodes.Success;
        }, cancellationToken));

        return command;
    }
}
