using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using InviteTriage.Core.Text;
using InviteTriage.Data;
using InviteTriage.Data.History;

namespace InviteTriage.Web.Components.Pages.History;

/// <summary>
/// Writes the history that matches a filter as CSV (one row per invitation touched) or as JSON (the API's shape),
/// reading it page by page so that a long history never sits in memory at once.
/// </summary>
internal static class HistoryExport
{
    private static readonly string[] Columns =
        ["event_id", "occurred_at", "kind", "actor", "summary", "flock_id", "import_batch_id", "undoes_event_id", "undone", "invitation_id", "before", "after"];

    public static async Task WriteCsvAsync(HistoryQueries queries, string ownerId, HistoryFilter filter, Stream output, CancellationToken cancellationToken)
    {
        // With a byte order mark, spreadsheets read the names as UTF-8 rather than guess a code page.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', Columns));
        await foreach (var entry in AllAsync(queries, ownerId, filter, cancellationToken))
        {
            if (entry.Changes.Count == 0)
            {
                await writer.WriteLineAsync(Row(entry, null));
            }

            foreach (var change in entry.Changes)
            {
                await writer.WriteLineAsync(Row(entry, change));
            }
        }
    }

    public static Task WriteJsonAsync(HistoryQueries queries, string ownerId, HistoryFilter filter, Stream output, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(output, AllAsync(queries, ownerId, filter, cancellationToken), TriageJson.Options, cancellationToken);

    public static string FileName(DateTime now, string extension) =>
        $"invitetriage-history-{now.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.{extension}";

    private static string Row(HistoryEntry entry, HistoryChange? change) => string.Join(',', new[]
    {
        Number(entry.Id),
        entry.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        KebabName.Of(entry.Kind),
        entry.Actor,
        entry.Summary,
        Number(entry.FlockId),
        Number(entry.ImportBatchId),
        Number(entry.UndoesEventId),
        entry.Undone ? "true" : "false",
        Number(change?.InvitationId),
        change?.Before,
        change?.After,
    }.Select(CsvCell.Escape));

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every matching event, newest first. Events recorded during the export shift the pages; ids skip them.</summary>
    private static async IAsyncEnumerable<HistoryEntry> AllAsync(
        HistoryQueries queries, string ownerId, HistoryFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var below = long.MaxValue;
        for (var page = 1; ; page++)
        {
            var batch = await queries.ListAsync(ownerId, filter with { Page = page, PageSize = HistoryFilter.MaxPageSize }, cancellationToken);
            foreach (var entry in batch.Items.Where(e => e.Id < below))
            {
                below = entry.Id;
                yield return entry;
            }

            if (batch.Items.Count < HistoryFilter.MaxPageSize)
            {
                yield break;
            }
        }
    }
}
