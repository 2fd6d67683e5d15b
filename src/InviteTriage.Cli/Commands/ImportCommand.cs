using System.CommandLine;
using InviteTriage.Data.Imports;
using InviteTriage.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Cli.Commands;

/// <summary>
/// <c>import --user E [--format F] PATH...</c>: the summary on stdout, each rejection on stderr as <c>file:line: reason</c>
/// as it is read.
/// Exit 0 when every row came in, 1 when some were rejected, 2 when the import was refused whole and nothing was stored.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliHost host)
    {
        var user = CliOptions.User();
        var format = CliOptions.Choice<ImportFormat>(
            "--format", "What kind of files these are; auto recognises each by its content.", ImportFormats.AllNames, ImportFormats.TryParse, ImportFormat.Auto);
        var paths = new Argument<string[]>("PATH") { Description = "The files to import, all of that kind.", Arity = ArgumentArity.OneOrMore };

        var command = new Command("import", "Import invitations from files: a LinkedIn export, e-mails, or the generic CSV or JSON.") { user, format, paths };
        command.SetAction((parsed, cancellationToken) => host.RunAsMemberAsync(parsed.GetValue(user)!, async (services, member, ct) =>
        {
            var files = parsed.GetValue(paths)!;
            var kind = parsed.GetValue(format);
            var progress = new ImportProgress(host.Console, files);
            ImportSummary summary;
            try
            {
                summary = await services.GetRequiredService<ImportService>().ImportAsync(
                    member.Id, member.Email, ImportFormats.ToName(kind), [.. files.Select(f => progress.Source(f, kind))], progress, progress.Rejected, ct);
            }
            finally
            {
                progress.Finish();
            }

            return await ReportAsync(host.Console, summary);
        }, cancellationToken));

        return command;
    }

    private static async Task<int> ReportAsync(CliConsole console, ImportSummary summary)
    {
        if (summary.Error is { } error)
        {
            await console.Error.WriteLineAsync(error);
            await console.Error.WriteLineAsync("Nothing was imported.");
            return ExitCodes.Failed;
        }

        // The rejections were printed as they came (ImportProgress.Rejected).
        foreach (var line in SummaryLines(summary))
        {
            await console.Out.WriteLineAsync(line);
        }

        return summary.RejectedCount > 0 ? ExitCodes.PartlyRejected : ExitCodes.Success;
    }

    // One "name: value" per line, the same names every time, so that scripts can pick out a count.
    private static IEnumerable<string> SummaryLines(ImportSummary summary)
    {
        yield return $"batch: {summary.BatchId}";
        yield return $"added: {summary.Added}";
        if (summary.Merged > 0)
        {
            yield return $"merged: {summary.Merged}";
        }

        yield return $"duplicates: {summary.Duplicates}";
        yield return $"contacts: {summary.Contacts}";
        yield return summary.Skipped.Count == 0
            ? "skipped: 0"
            : $"skipped: {summary.Skipped.Values.Sum()} ({string.Join(", ", summary.Skipped.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}"))})";
        yield return $"rejected: {summary.RejectedCount}";
    }
}
