using System.Runtime.CompilerServices;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Senders;
using InviteTriage.Ingest.Csv;

namespace InviteTriage.Ingest.LinkedIn;

/// <summary>
/// LinkedIn's Invitations.csv, both header eras. Only INCOMING rows are invitations to the user; OUTGOING rows are
/// skipped. The file has no company or headline column, so those stay null.
/// </summary>
internal sealed class LinkedInInvitationsReader : IDisposable
{
    private const string SentAtExample = "11/24/25, 9:02 AM";

    private readonly CsvRowReader _rows;
    private readonly CsvHeader _header;
    private readonly string _file;
    private readonly TimeZoneInfo? _timeZone;

    private LinkedInInvitationsReader(CsvRowReader rows, CsvHeader header, string file, TimeZoneInfo? timeZone)
    {
        _rows = rows;
        _header = header;
        _file = file;
        _timeZone = timeZone;
    }

    /// <summary>Reads and checks the header, so that a file of another kind is rejected before any row is read.</summary>
    public static async Task<LinkedInInvitationsReader> OpenAsync(
        Stream stream, string file, ImportReaderOptions options, bool ownsStream, CancellationToken cancellationToken)
    {
        var rows = await CsvRowReader.OpenAsync(stream, file, ownsStream, cancellationToken).ConfigureAwait(false);
        try
        {
            var first = await rows.ReadNonBlankAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new IngestFormatException(file, "not a LinkedIn Invitations.csv: the file is empty");
            var header = new CsvHeader(first);
            var missing = header.Missing("From", "To", "Sent At", "Direction");
            if (missing.Count > 0)
            {
                throw new IngestFormatException(
                    file,
                    $"not a LinkedIn Invitations.csv: line {first.Line} lacks the column(s) {string.Join(", ", missing)}");
            }

            return new LinkedInInvitationsReader(rows, header, file, options.TimeZone);
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    public async IAsyncEnumerable<IngestItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = _header.IndexOf("From");
        var sentAt = _header.IndexOf("Sent At");
        var message = _header.IndexOf("Message");
        var direction = _header.IndexOf("Direction");
        var inviterUrl = _header.IndexOf("inviterProfileUrl");

        while (await _rows.ReadAsync(cancellationToken).ConfigureAwait(false) is { } row)
        {
            if (row.IsBlank)
            {
                continue;
            }

            var origin = IngestOrigin.Line(_file, row.Line);
            if (_header.ShapeError(row) is { } shapeError)
            {
                yield return new IngestRejection(origin, null, shapeError);
                continue;
            }

            var directionText = row.Get(direction);
            if (directionText.Equals("OUTGOING", StringComparison.OrdinalIgnoreCase))
            {
                yield return new IngestSkip(origin, SkipKind.Outgoing);
                continue;
            }

            if (!directionText.Equals("INCOMING", StringComparison.OrdinalIgnoreCase))
            {
                yield return new IngestRejection(origin, "Direction", $"'{directionText}' is neither INCOMING nor OUTGOING");
                continue;
            }

            yield return ToDraft(row, origin, from, sentAt, message, inviterUrl);
        }
    }

    public void Dispose() => _rows.Dispose();

    private IngestItem ToDraft(CsvRow row, IngestOrigin origin, int from, int sentAt, int message, int inviterUrl)
    {
        var name = row.Get(from);
        if (name.Length == 0)
        {
            return new IngestRejection(origin, "From", "the sender name is empty");
        }

        var sentAtText = row.Get(sentAt);
        if (!LinkedInDates.TryParseSentAt(sentAtText, out var unzoned))
        {
            return new IngestRejection(origin, "Sent At", $"'{sentAtText}' is not a date like \"{SentAtExample}\"");
        }

        if (UtcTimes.FromUnzoned(unzoned, _timeZone) is not { } sentAtUtc)
        {
            return new IngestRejection(origin, "Sent At", $"'{sentAtText}' does not exist in {_timeZone?.Id} (daylight-saving gap)");
        }

        return new IngestDraft(new InvitationDraft
        {
            SenderName = name,
            SentAt = sentAtUtc,
            Message = row.GetOrNull(message),
            SenderProfileUrl = ProfileUrl.Normalize(row.GetOrNull(inviterUrl)),
            Network = Networks.LinkedIn,
            Source = InvitationSource.LinkedInExport,
            Origin = origin,
        });
    }
}
