using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Text;
using InviteTriage.Data.Invitations;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Cli.Commands;

/// <summary><c>invitations --user E [--status S] [--json]</c>: newest first, every page of them.</summary>
internal static class InvitationsCommand
{
    public static Command Create(CliHost host)
    {
        var user = CliOptions.User();
        var status = CliOptions.Filter<InvitationStatus>("--status", "Which invitations to list.", whenOmitted: null);
        var json = new Option<bool>("--json") { Description = "Print a JSON array in the shape of GET /api/invitations' items." };

        var command = new Command("invitations", "List a member's invitations.") { user, status, json };
        command.SetAction((parsed, cancellationToken) => host.RunAsMemberAsync(parsed.GetValue(user)!, async (services, member, ct) =>
        {
            var pages = PagesAsync(services.GetRequiredService<InvitationQueries>(), member.Id, parsed.GetValue(status)!.Status, ct);
            if (parsed.GetValue(json))
            {
                await JsonOutput.WriteArrayAsync(host.Console.Out, pages, ct);
            }
            else
            {
                await WriteTextAsync(host.Console.Out, pages, ct);
            }

            return ExitCodes.Success;
        }, cancellationToken));

        return command;
    }

    private static async IAsyncEnumerable<IReadOnlyList<InvitationView>> PagesAsync(
        InvitationQueries queries, string ownerId, InvitationStatus? status, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int pageSize = InvitationFilter.MaxPageSize;
        for (var page = 1; ; page++)
        {
            var result = await queries.ListAsync(ownerId, new InvitationFilter(status, Page: page, PageSize: pageSize), cancellationToken);
            yield return result.Items;
            if (result.Items.Count < pageSize || (long)page * pageSize >= result.Total)
            {
                yield break;
            }
        }
    }

    private static async Task WriteTextAsync(TextWriter output, IAsyncEnumerable<IReadOnlyList<InvitationView>> pages, CancellationToken cancellationToken)
    {
        var any = false;
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            foreach (var invitation in page)
            {
                if (!any)
                {
                    await output.WriteLineAsync($"{"ID",-8} {"SENT (UTC)",-16}  {"STATUS",-10} {"FLOCK",-7} SENDER");
                    any = true;
                }

                var company = invitation.Company is { } name ? $" ({name})" : "";
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{invitation.Id,-8} {invitation.SentAt:yyyy-MM-dd HH:mm}  {KebabName.Of(invitation.Status),-10} {invitation.FlockId?.ToString(CultureInfo.InvariantCulture) ?? "-",-7} {invitation.SenderName}{company}"));
            }
        }

        if (!any)
        {
            await output.WriteLineAsync("No invitations.");
        }
    }
}
