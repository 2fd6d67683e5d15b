using System.CommandLine;
using System.Globalization;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Text;
using InviteTriage.Data.Flocks;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Cli.Commands;

/// <summary><c>flocks --user E [--status S] [--json]</c>: most likely first, each with its reasons and members.</summary>
internal static class FlocksCommand
{
    public static Command Create(CliHost host)
    {
        var user = CliOptions.User();
        var status = CliOptions.Filter<FlockStatus>("--status", "Which flocks to list.", FlockStatus.Open);
        var json = new Option<bool>("--json") { Description = "Print a JSON array in the shape of GET /api/flocks." };

        var command = new Command("flocks", "List a member's invitation flocks and why each was flagged.") { user, status, json };
        command.SetAction((parsed, cancellationToken) => host.RunAsMemberAsync(parsed.GetValue(user)!, async (services, member, ct) =>
        {
            var flocks = await services.GetRequiredService<FlockQueries>().ListAsync(member.Id, parsed.GetValue(status)!.Status, ct);
            if (parsed.GetValue(json))
            {
                await JsonOutput.WriteArrayAsync(host.Console.Out, flocks);
            }
            else
            {
                await WriteTextAsync(host.Console.Out, flocks, parsed.GetValue(status)!.Status);
            }

            return ExitCodes.Success;
        }, cancellationToken));

        return command;
    }

    private static async Task WriteTextAsync(TextWriter output, IReadOnlyList<FlockView> flocks, FlockStatus? status)
    {
        if (flocks.Count == 0)
        {
            await output.WriteLineAsync(status is { } only ? $"No {KebabName.Of(only)} flocks." : "No flocks.");
            return;
        }

        foreach (var flock in flocks)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Flock {flock.Id}  {flock.Company}  {KebabName.Of(flock.Severity)}  score {flock.Score:0.0}  {KebabName.Of(flock.Status)}  "
                + $"{flock.SenderCount} senders  {flock.FirstSentAt:yyyy-MM-dd HH:mm} to {flock.LastSentAt:yyyy-MM-dd HH:mm} UTC"));
            foreach (var reason in flock.Reasons)
            {
                await output.WriteLineAsync($"  {reason}");
            }

            foreach (var member in flock.Members)
            {
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"    {member.InvitationId,-8} {member.SentAt:yyyy-MM-dd HH:mm}  {KebabName.Of(member.Status),-10} {member.SenderName}"));
            }

            await output.WriteLineAsync();
        }
    }
}
