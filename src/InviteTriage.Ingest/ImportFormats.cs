namespace InviteTriage.Ingest;

/// <summary>The CLI names of <see cref="ImportFormat"/>: <c>auto|linkedin-zip|linkedin-invitations|linkedin-connections|eml|mbox|csv|json</c>.</summary>
public static class ImportFormats
{
    private static readonly (ImportFormat Format, string Name)[] Names =
    [
        (ImportFormat.Auto, "auto"),
        (ImportFormat.LinkedInZip, "linkedin-zip"),
        (ImportFormat.LinkedInInvitations, "linkedin-invitations"),
        (ImportFormat.LinkedInConnections, "linkedin-connections"),
        (ImportFormat.Eml, "eml"),
        (ImportFormat.Mbox, "mbox"),
        (ImportFormat.Csv, "csv"),
        (ImportFormat.Json, "json"),
    ];

    public static IReadOnlyList<string> AllNames { get; } = Array.ConvertAll(Names, n => n.Name);

    public static string ToName(ImportFormat format) =>
        Array.Find(Names, n => n.Format == format).Name ?? throw new ArgumentOutOfRangeException(nameof(format));

    public static bool TryParse(string? name, out ImportFormat format)
    {
        foreach (var (candidate, candidateName) in Names)
        {
            if (string.Equals(candidateName, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }

        format = ImportFormat.Auto;
        return false;
    }
}
