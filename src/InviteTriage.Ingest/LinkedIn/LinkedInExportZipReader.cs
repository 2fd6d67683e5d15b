using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace InviteTriage.Ingest.LinkedIn;

/// <summary>
/// LinkedIn's data export zip under any name. Entries are read as streams, never extracted, so an entry name cannot
/// write anywhere; a traversal name still rejects the archive, because no genuine export has one.
/// </summary>
internal static class LinkedInExportZipReader
{
    private const string InvitationsName = "Invitations.csv";
    private const string ConnectionsName = "Connections.csv";

    // Small entries cannot do harm whatever their ratio; a short CSV of repeated text compresses very well.
    private const long RatioCheckThreshold = 1024 * 1024;

    /// <summary>
    /// Yields the contacts of Connections.csv first, so that companies are known when the invitations arrive.
    /// Both headers are checked before anything is yielded.
    /// </summary>
    public static async IAsyncEnumerable<IngestItem> ReadAsync(
        Stream stream,
        string file,
        ImportReaderOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var archive = await OpenArchiveAsync(stream, file, cancellationToken).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            var invitations = FindEntry(archive, InvitationsName, file, options);
            var connections = FindEntry(archive, ConnectionsName, file, options);
            if (invitations is null && connections is null)
            {
                throw new IngestFormatException(file, $"not a LinkedIn data export: the zip holds neither {InvitationsName} nor {ConnectionsName}");
            }

            // Opening checks the header; both are checked before the first yield so a bad entry stores nothing.
            if (connections is not null)
            {
                (await OpenConnectionsAsync(connections, file, options, cancellationToken).ConfigureAwait(false)).Dispose();
            }

            if (invitations is not null)
            {
                (await OpenInvitationsAsync(invitations, file, options, cancellationToken).ConfigureAwait(false)).Dispose();
            }

            if (connections is not null)
            {
                using var reader = await OpenConnectionsAsync(connections, file, options, cancellationToken).ConfigureAwait(false);
                await foreach (var item in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return item;
                }
            }

            if (invitations is not null)
            {
                using var reader = await OpenInvitationsAsync(invitations, file, options, cancellationToken).ConfigureAwait(false);
                await foreach (var item in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return item;
                }
            }
        }
    }

    private static async Task<ZipArchive> OpenArchiveAsync(Stream stream, string file, CancellationToken cancellationToken)
    {
        ZipArchive? archive = null;
        try
        {
            archive = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken)
                .ConfigureAwait(false);

            // The central directory is read on first use; a damaged one must be found here, where it is reported.
            _ = archive.Entries.Count;
            return archive;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            if (archive is not null)
            {
                await archive.DisposeAsync().ConfigureAwait(false);
            }

            throw new IngestFormatException(file, $"not a readable zip archive ({ex.Message})", ex);
        }
    }

    private static ZipArchiveEntry? FindEntry(ZipArchive archive, string name, string file, ImportReaderOptions options)
    {
        ZipArchiveEntry? found = null;
        foreach (var entry in archive.Entries)
        {
            if (!IsSafeName(entry.FullName))
            {
                throw new IngestFormatException(file, $"the zip entry '{entry.FullName}' has an unsafe path");
            }

            var entryName = entry.FullName.Replace('\\', '/');
            var fileName = entryName[(entryName.LastIndexOf('/') + 1)..];
            if (found is null && fileName.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                found = entry;
            }
        }

        if (found is not null)
        {
            CheckEntry(found, file, options);
        }

        return found;
    }

    private static bool IsSafeName(string name)
    {
        var normalized = name.Replace('\\', '/');
        return normalized.Length > 0
            && !normalized.StartsWith('/')
            && !normalized.Contains(':', StringComparison.Ordinal)
            && !normalized.Contains('\0', StringComparison.Ordinal)
            && !normalized.Split('/').Contains("..");
    }

    private static void CheckEntry(ZipArchiveEntry entry, string file, ImportReaderOptions options)
    {
        // No genuine export is encrypted, and the reader would inflate the ciphertext as if it were data.
        if (entry.IsEncrypted)
        {
            throw new IngestFormatException(file, $"the zip entry '{entry.FullName}' is encrypted; download the export again and import it as it comes");
        }

        if (entry.Length > options.MaxZipEntryBytes)
        {
            throw new IngestFormatException(file, $"the zip entry '{entry.FullName}' expands to {entry.Length} bytes, more than the {options.MaxZipEntryBytes} allowed");
        }

        if (entry.Length > RatioCheckThreshold && entry.Length > (long)options.MaxZipCompressionRatio * Math.Max(entry.CompressedLength, 1))
        {
            throw new IngestFormatException(file, $"the zip entry '{entry.FullName}' is compressed more than {options.MaxZipCompressionRatio}:1 (zip bomb?)");
        }
    }

    private static async Task<Stream> OpenEntryAsync(ZipArchiveEntry entry, string entryFile, ImportReaderOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var inner = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            return new ZipEntryStream(inner, Math.Min(entry.Length, options.MaxZipEntryBytes), entry.Length, entry.Crc32, entryFile);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            throw new IngestFormatException(entryFile, $"the zip entry cannot be read ({ex.Message})", ex);
        }
    }

    private static async Task<LinkedInConnectionsReader> OpenConnectionsAsync(
        ZipArchiveEntry entry, string file, ImportReaderOptions options, CancellationToken cancellationToken)
    {
        var entryFile = $"{file}/{entry.FullName}";
        var stream = await OpenEntryAsync(entry, entryFile, options, cancellationToken).ConfigureAwait(false);
        return await LinkedInConnectionsReader.OpenAsync(stream, entryFile, options, ownsStream: true, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<LinkedInInvitationsReader> OpenInvitationsAsync(
        ZipArchiveEntry entry, string file, ImportReaderOptions options, CancellationToken cancellationToken)
    {
        var entryFile = $"{file}/{entry.FullName}";
        var stream = await OpenEntryAsync(entry, entryFile, options, cancellationToken).ConfigureAwait(false);
        return await LinkedInInvitationsReader.OpenAsync(stream, entryFile, options, ownsStream: true, cancellationToken).ConfigureAwait(false);
    }
}
