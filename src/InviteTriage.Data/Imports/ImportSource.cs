using InviteTriage.Ingest;

namespace InviteTriage.Data.Imports;

/// <summary>One file or upload of an import: its name for messages, and how to read it.</summary>
public sealed record ImportSource(string Name, Func<CancellationToken, IAsyncEnumerable<IngestItem>> Read)
{
    public static ImportSource FromFile(string path, ImportFormat format, ImportReaderOptions? options = null) =>
        new(path, cancellationToken => ImportReader.ReadAsync(path, format, options, cancellationToken));

    public static ImportSource FromStream(Stream stream, string name, ImportFormat format, ImportReaderOptions? options = null) =>
        new(name, cancellationToken => ImportReader.ReadAsync(stream, name, format, options, cancellationToken));
}
