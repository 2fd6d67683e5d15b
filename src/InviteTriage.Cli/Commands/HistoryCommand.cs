using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using InviteTriage.Core.Text;
using InviteTriage.Data.History;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Cli.Commands;

/// <summary><c>history --user E [--json]</c>: every flag and decision, newest first.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliHost host)
    {
        var user = CliOptions.User();
        var json = new Option<bool>("--json") { Description = "Print a JSON array in the shape of GET /api/history." };

        var command = new Command("history", "List every flag raised and every decision made, newest first.") { user, json };
        command.SetAction((parsed, cancellationToken) => host.RunAsMemberAsync(parsed.GetValue(user)!, async (services, member, ct) =>
        {
            var pages = PagesAsync(services.GetRequiredService<HistoryQueries>(), member.Id, ct);
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

    private static async IAsyncEnumerable<IReadOnlyList<HistoryEntry>> PagesAsync(
        HistoryQueries queries, string ownerId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int pageSize = HistoryFilter.MaxPageSize;
        for (var page = 1; ; page++)
        {
            var result = await queries.ListAsync(ownerId, new HistoryFilter(Page: page, PageSize: pageSize), cancellationToken);
            yield return result.Items;
            if (result.Items.Count < pageSize || (long)page * pageSize >= result.Total)
            {
                yield break;
            }
        }
    }

    private static async Task WriteTextAsync(TextWriter output, IAsyncEnumerable<IReadOnlyList<HistoryEntry>> pages, CancellationToken cancellationToken)
    {
        var any = false;
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            foreach (var entry in page)
            {
                any = true;
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{entry.Id,-8} {entry.OccurredAt:yyyy-MM-dd HH:mm}  {KebabName.Of(entry.Kind),-16} {entry.Actor,-20} {entry.Summary}{(entry.Undone ? " (undone)" : "")}"));
            }
        }

        if (!any)
        {
            await output.WriteLineAsync("No history yet.");
        }
    }
}
