using System.Runtime.CompilerServices;
using InviteTriage.Core.Senders;
using InviteTriage.Ingest.Csv;

namespace InviteTriage.Ingest.LinkedIn;

/// <summary>
/// LinkedIn's Connections.csv: every era, with or without the Notes preamble and the URL column. Rows without a
/// name are hidden members and are skipped.
/// </summary>
internal sealed class LinkedInConnectionsReader : IDisposable
{
    // The preamble is a few lines; a file without the header this far in is something else.
    private const int MaxPreambleRows = 30;

    private readonly CsvRowReader _rows;
    private readonly CsvHeader _header;
    private readonly string _file;
    private readonly TimeZoneInfo? _timeZone;

    private LinkedInConnectionsReader(CsvRowReader rows, CsvHeader header, string file, TimeZoneInfo? timeZone)
    {
        _rows = rows;
        _header = header;
        _file = file;
        _timeZone = timeZone;
    }

    /// <summary>Finds and checks the header, so that a file of another kind is rejected before any row is read.</summary>
    public static async Task<LinkedInConnectionsReader> OpenAsync(
        Stream stream, string file, ImportReaderOptions options, bool ownsStream, CancellationToken cancellationToken)
    {
        var rows = await CsvRowReader.OpenAsync(stream, file, ownsStream, cancellationToken).ConfigureAwait(false);
        try
        {
            for (var read = 0; read < MaxPreambleRows; read++)
            {
                if (await rows.ReadAsync(cancellationToken).ConfigureAwait(false) is not { } row)
                {
                    break;
                }

                var header = new CsvHeader(row);
                if (header.Has("First Name") && header.Has("Connected On"))
                {
                    return header.Has("Last Name")
                        ? new LinkedInConnectionsReader(rows, header, file, options.TimeZone)
                        : throw new IngestFormatException(file, $"not a LinkedIn Connections.csv: the header on line {row.Line} lacks Last Name");
                }
            }

            throw new IngestFormatException(
                file, $"not a LinkedIn Connections.csv: no header with First Name and Connected On in the first {MaxPreambleRows} rows");
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    public async IAsyncEnumerable<IngestItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _rows.ReadAsync(cancellationToken).ConfigureAwait(false) is { } row)
        {
            if (!row.IsBlank)
            {
                yield return ToItem(row);
            }
        }
    }

    public void Dispose() => _rows.Dispose();

    private IngestItem ToItem(CsvRow row)
    {
        var origin = IngestOrigin.Line(_file, row.Line);
        if (_header.ShapeError(row) is { } shapeError)
        {
            return new IngestRejection(origin, null, shapeError);
        }

        var first = row.Get(_header.IndexOf("First Name"));
        var last = row.Get(_header.IndexOf("Last Name"));
        if (first.Length == 0 && last.Length == 0)
        {
            return new IngestSkip(origin, SkipKind.HiddenMember);
        }

        var connectedOnText = row.Get(_header.IndexOf("Connected On"));
        DateTime? connectedOn = null;
        if (connectedOnText.Length > 0)
        {
            if (!LinkedInDates.TryParseConnectedOn(connectedOnText, out var unzoned))
            {
                return new IngestRejection(origin, "Connected On", $"'{connectedOnText}' is not a date like \"31 Dec 2024\"");
            }

            // A bare date names a calendar day, not an instant; only the 2018 style's time of day has a zone to convert.
            connectedOn = unzoned.TimeOfDay == TimeSpan.Zero
                ? DateTime.SpecifyKind(unzoned, DateTimeKind.Utc)
                : UtcTimes.FromUnzoned(unzoned, _timeZone) ?? DateTime.SpecifyKind(unzoned, DateTimeKind.Utc);
        }

        var name = $"{first} {last}".Trim();
        var url = row.GetOrNull(_header.IndexOf("URL"));
        var company = row.GetOrNull(_header.IndexOf("Company"));
        var position = row.GetOrNull(_header.IndexOf("Position"));
        if (TooLong(origin, ("Name", name, FieldLimits.Name), ("URL", url, FieldLimits.Url), ("Company", company, FieldLimits.Company),
                ("Position", position, FieldLimits.Headline)) is { } tooLong)
        {
            return tooLong;
        }

        if (WebLinks.Problem(url) is { } notALink)
        {
            return new IngestRejection(origin, "URL", notALink);
        }

        return new IngestContact(new KnownContactDraft
        {
            Name = name,
            ProfileUrl = ProfileUrl.Normalize(url),
            Company = company,
            Position = position,
            ConnectedOn = connectedOn,
            Origin = origin,
        });
    }

    private static IngestRejection? TooLong(IngestOrigin origin, params (string Field, string? Value, int Limit)[] fields)
    {
        foreach (var (field, value, limit) in fields)
        {
            if (FieldLimits.Exceeded(value, limit) is { } reason)
            {
                return new IngestRejection(origin, field, reason);
            }
        }

        return null;
    }
}
