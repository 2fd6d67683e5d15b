using System.Text;
using nietras.SeparatedValues;

namespace InviteTriage.Ingest.Csv;

/// <summary>
/// Reads CSV records one at a time with Sep. The header is handled by the callers, because LinkedIn's
/// Connections.csv has a preamble of varying length before it.
/// </summary>
internal sealed class CsvRowReader : IDisposable
{
    private readonly SepReader _reader;
    private readonly string _file;

    private CsvRowReader(SepReader reader, string file)
    {
        _reader = reader;
        _file = file;
    }

    public static async Task<CsvRowReader> OpenAsync(Stream stream, string file, bool ownsStream, CancellationToken cancellationToken)
    {
        var text = await CsvText.OpenAsync(stream, leaveOpen: !ownsStream, cancellationToken).ConfigureAwait(false);
        try
        {
            var reader = await Sep.New(',')
                .Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true })
                .FromAsync(text, cancellationToken)
                .ConfigureAwait(false);
            return new CsvRowReader(reader, file);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or IngestFormatException))
        {
            text.Dispose();
            throw new IngestFormatException(file, $"not readable as CSV ({ex.Message})", ex);
        }
    }

    /// <summary>The next record, or null at the end of the file.</summary>
    public async ValueTask<CsvRow?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await _reader.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return ToRow(_reader.Current);
        }
        catch (DecoderFallbackException ex)
        {
            throw new IngestFormatException(_file, "is not valid UTF-8 past its beginning; save it again as UTF-8", ex);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or IngestFormatException))
        {
            throw new IngestFormatException(_file, $"not readable as CSV ({ex.Message})", ex);
        }
    }

    /// <summary>The next record that is not blank, or null at the end of the file.</summary>
    public async ValueTask<CsvRow?> ReadNonBlankAsync(CancellationToken cancellationToken)
    {
        while (await ReadAsync(cancellationToken).ConfigureAwait(false) is { } row)
        {
            if (!row.IsBlank)
            {
                return row;
            }
        }

        return null;
    }

    public void Dispose() => _reader.Dispose();

    private static CsvRow ToRow(SepReader.Row row)
    {
        var fields = new string[row.ColCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = row[i].ToString();
        }

        return new CsvRow(row.LineNumberFrom, fields);
    }
}
