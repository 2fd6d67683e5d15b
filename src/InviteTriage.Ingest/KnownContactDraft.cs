namespace InviteTriage.Ingest;

/// <summary>A person the user is already connected with, as read from Connections.csv.</summary>
public sealed record KnownContactDraft
{
    public required string Name { get; init; }
    public string? ProfileUrl { get; init; }
    public string? Company { get; init; }
    public string? Position { get; init; }

    /// <summary>UTC; midnight when the file gives only a date.</summary>
    public DateTime? ConnectedOn { get; init; }

    public required IngestOrigin Origin { get; init; }
}
