namespace InviteTriage.Ingest;

public sealed record ImportReaderOptions
{
    public static ImportReaderOptions Default { get; } = new();

    /// <summary>
    /// The zone of times that carry none (LinkedIn's "Sent At", ISO 8601 without offset); null means UTC.
    /// </summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>The most a single zip entry may expand to; larger entries reject the archive.</summary>
    public long MaxZipEntryBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>The highest uncompressed-to-compressed ratio allowed for zip entries above one MiB (zip bombs).</summary>
    public int MaxZipCompressionRatio { get; init; } = 100;
}
