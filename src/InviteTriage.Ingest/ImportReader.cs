using System.Runtime.CompilerServices;
using InviteTriage.Ingest.Email;
using InviteTriage.Ingest.Generic;
using InviteTriage.Ingest.LinkedIn;

namespace InviteTriage.Ingest;

/// <summary>
/// The one entry point of the readers, for the import service and the CLI. It streams: items are produced as the
/// file is read. A file not of the claimed kind throws <see cref="IngestFormatException"/> before the first item;
/// bad rows, messages or elements become <see cref="IngestRejection"/> items and the rest still imports.
/// </summary>
public static class ImportReader
{
    public static async IAsyncEnumerable<IngestItem> ReadAsync(
        string path,
        ImportFormat format,
        ImportReaderOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new IngestFormatException(path, $"cannot be opened ({ex.Message})", ex);
        }

        await using (stream.ConfigureAwait(false))
        {
            await foreach (var item in ReadAsync(stream, path, format, options, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// Reads an upload or a zip entry. <paramref name="fileName"/> names it in messages (<c>file:line: reason</c>).
    /// The stream is not disposed; an unseekable one is first copied to a temporary file when the format needs to seek
    /// (auto, zip, JSON).
    /// </summary>
    public static async IAsyncEnumerable<IngestItem> ReadAsync(
        Stream stream,
        string fileName,
        ImportFormat format,
        ImportReaderOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        options ??= ImportReaderOptions.Default;

        // Sniffing, the zip directory and the JSON first pass go back to the start; the other readers stream straight through.
        var needsSeek = format is ImportFormat.Auto or ImportFormat.LinkedInZip or ImportFormat.Json;
        var seekable = stream.CanSeek || !needsSeek ? null : await CopyToTemporaryFileAsync(stream, cancellationToken).ConfigureAwait(false);
        try
        {
            var source = seekable ?? stream;
            var actual = format == ImportFormat.Auto
                ? await DetectFormatAsync(source, fileName, cancellationToken).ConfigureAwait(false)
                : format;
            await foreach (var item in Read(source, fileName, actual, options, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            if (seekable is not null)
            {
                await seekable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Recognises the format by content (zip magic, JSON '[', mbox "From " line, header rows, MIME headers).</summary>
    public static async Task<ImportFormat> DetectFormatAsync(Stream stream, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("Format detection needs a seekable stream.", nameof(stream));
        }

        return await FormatSniffer.DetectAsync(stream, cancellationToken).ConfigureAwait(false)
            ?? FormatSniffer.FromExtension(fileName)
            ?? throw new IngestFormatException(
                fileName, $"the format is not recognised; name it with --format ({string.Join('|', ImportFormats.AllNames)})");
    }

    private static IAsyncEnumerable<IngestItem> Read(
        Stream stream, string fileName, ImportFormat format, ImportReaderOptions options, CancellationToken cancellationToken) => format switch
        {
            ImportFormat.LinkedInZip => LinkedInExportZipReader.ReadAsync(stream, fileName, options, cancellationToken),
            ImportFormat.LinkedInInvitations => ReadInvitationsAsync(stream, fileName, options, cancellationToken),
            ImportFormat.LinkedInConnections => ReadConnectionsAsync(stream, fileName, options, cancellationToken),
            ImportFormat.Eml => EmailFileReader.ReadEmlAsync(stream, fileName, cancellationToken),
            ImportFormat.Mbox => EmailFileReader.ReadMboxAsync(stream, fileName, cancellationToken),
            ImportFormat.Csv => GenericCsvReader.ReadAsync(stream, fileName, options, cancellationToken),
            ImportFormat.Json => JsonDraftReader.ReadAsync(stream, fileName, options, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a readable format."),
        };

    private static async IAsyncEnumerable<IngestItem> ReadInvitationsAsync(
        Stream stream, string fileName, ImportReaderOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = await LinkedInInvitationsReader.OpenAsync(stream, fileName, options, ownsStream: false, cancellationToken)
            .ConfigureAwait(false);
        await foreach (var item in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    private static async IAsyncEnumerable<IngestItem> ReadConnectionsAsync(
        Stream stream, string fileName, ImportReaderOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = await LinkedInConnectionsReader.OpenAsync(stream, fileName, options, ownsStream: false, cancellationToken)
            .ConfigureAwait(false);
        await foreach (var item in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    private static async Task<FileStream> CopyToTemporaryFileAsync(Stream stream, CancellationToken cancellationToken)
    {
        var copy = new FileStream(
            Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
            return copy;
        }
        catch
        {
            await copy.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
