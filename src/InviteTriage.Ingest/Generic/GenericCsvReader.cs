using System.Runtime.CompilerServices;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Senders;
using InviteTriage.Ingest.Csv;

namespace InviteTriage.Ingest.Generic;

/// <summary>The generic CSV: one draft per row, columns named by the snake_case draft fields in any order.</summary>
internal static class GenericCsvReader
{
    public static async IAsyncEnumerable<IngestItem> ReadAsync(
        Stream stream,
        string file,
        ImportReaderOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var rows = await CsvRowReader.OpenAsync(stream, file, ownsStream: false, cancellationToken).ConfigureAwait(false);
        var first = await rows.ReadNonBlankAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new IngestFormatException(file, "not a generic invitation CSV: the file is empty");
        var header = new CsvHeader(first);
        var missing = header.Missing("sender_name", "sent_at");
        if (missing.Count > 0)
        {
            throw new IngestFormatException(
                file, $"not a generic invitation CSV: line {first.Line} lacks the column(s) {string.Join(", ", missing)}");
        }

        var columns = new Columns(header);
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false) is { } row)
        {
            if (!row.IsBlank)
            {
                yield return ToItem(row, header, columns, file, options.TimeZone);
            }
        }
    }

    private static IngestItem ToItem(CsvRow row, CsvHeader header, Columns columns, string file, TimeZoneInfo? zone)
    {
        var origin = IngestOrigin.Line(file, row.Line);
        if (header.ShapeError(row) is { } shapeError)
        {
            return new IngestRejection(origin, null, shapeError);
        }

        var name = row.Get(columns.SenderName);
        if (name.Length == 0)
        {
            return new IngestRejection(origin, "sender_name", "is required");
        }

        var sentAtText = row.Get(columns.SentAt);
        if (sentAtText.Length == 0)
        {
            return new IngestRejection(origin, "sent_at", "is required");
        }

        if (IsoTimestamps.ToUtc(sentAtText, zone) is not { } sentAt)
        {
            return new IngestRejection(origin, "sent_at", $"'{sentAtText}' is not an ISO 8601 time like {IsoTimestamps.Example}");
        }

        return new IngestDraft(new InvitationDraft
        {
            SenderName = name,
            SentAt = sentAt,
            SenderHeadline = row.GetOrNull(columns.SenderHeadline),
            SenderCompany = row.GetOrNull(columns.SenderCompany),
            SenderProfileUrl = ProfileUrl.Normalize(row.GetOrNull(columns.SenderProfileUrl)),
            Message = row.GetOrNull(columns.Message),
            Network = row.GetOrNull(columns.Network)?.ToLowerInvariant() ?? Networks.LinkedIn,
            ExternalId = row.GetOrNull(columns.ExternalId),
            AcceptUrl = row.GetOrNull(columns.AcceptUrl),
            Source = InvitationSource.Csv,
            Origin = origin,
        });
    }

    private sealed class Columns(CsvHeader header)
    {
        public int SenderName { get; } = header.IndexOf("sender_name");
        public int SentAt { get; } = header.IndexOf("sent_at");
        public int SenderHeadline { get; } = header.IndexOf("sender_headline");
        public int SenderCompany { get; } = header.IndexOf("sender_company");
        public int SenderProfileUrl { get; } = header.IndexOf("sender_profile_url");
        public int Message { get; } = header.IndexOf("message");
        public int Network { get; } = header.IndexOf("network");
        public int ExternalId { get; } = header.IndexOf("external_id");
        public int AcceptUrl { get; } = header.IndexOf("accept_url");
    }
}
