namespace InviteTriage.Ingest;

/// <summary>The kinds of file the import reads; <see cref="ImportFormats"/> maps them to the CLI names.</summary>
public enum ImportFormat
{
    Auto = 0,
    LinkedInZip = 1,
    LinkedInInvitations = 2,
    LinkedInConnections = 3,
    Eml = 4,
    Mbox = 5,
    Csv = 6,
    Json = 7,
}
