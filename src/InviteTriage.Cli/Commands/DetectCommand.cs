using System.CommandLine;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Text;
using InviteTriage.Data.Accounts;
using InviteTriage.Data.Detection;
using InviteTriage.Data.Flocks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Cli.Commands;

/// <summary><c>detect --user E | --all</c>: rebuilds the flocks of one member, or of everyone, from their invitations.</summary>
internal static class DetectCommand
{
    public static Command Create(CliHost host)
    {
        var user = new Option<string?>("--user") { Description = "The e-mail of the member whose flocks to rebuild." };
        var all = new Option<bool>("--all") { Description = "Rebuild the flocks of every member of this instance." };

        var command = new Command("detect", "Rebuild flocks from scratch; decisions already made are kept.") { user, all };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(user) is { Implicit: false }) == result.GetValue(all))
            {
                result.AddError("Name either --user E or --all, not both.");
            }
        });
        command.SetAction((parsed, cancellationToken) => parsed.GetValue(all)
            ? host.RunAsync(async (services, ct) =>
            {
                await services.GetRequiredService<FlockDetectionService>().RebuildAllAsync(ct);
                var members = await services.GetRequiredService<UserManager<TriageUser>>().Users.CountAsync(ct);
                await host.Console.Out.WriteLineAsync($"Rebuilt the flocks of all {members} member(s).");
                return ExitCodes.Success;
            }, cancellationToken)
            : host.RunAsMemberAsync(parsed.GetValue(user)!, async (services, member, ct) =>
            {
                await services.GetRequiredService<FlockDetectionService>().RebuildAsync(member.Id, ct);
                var flocks = await services.GetRequiredService<FlockQueries>().ListAsync(member.Id, status: null, ct);
                var counts = Enum.GetValues<FlockStatus>().Select(s => $"{flocks.Count(f => f.Status == s)} {KebabName.Of(s)}");
                await host.Console.Out.WriteLineAsync($"Rebuilt the flocks of {member.Email}: {string.Join(", ", counts)}.");
                return ExitCodes.Success;
            }, cancellationToken));

        return command;
    }
}
