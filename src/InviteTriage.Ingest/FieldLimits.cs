namespace InviteTriage.Ingest;

/// <summary>
/// The longest text a field of an invitation or a contact may have. Real values are far shorter (LinkedIn caps notes at
/// 300 characters and headlines at 220), so the limits are generous; they exist so that a hostile file, or a spoofed
/// e-mail synced from a mailbox, cannot put megabytes into a field that every page then shows.
/// </summary>
public static class FieldLimits
{
    public const int Name = 300;
    public const int Company = 300;
    public const int Headline = 1_000;
    public const int Message = 10_000;
    public const int Url = 2_048;
    public const int ExternalId = 200;
    public const int Network = 50;

    /// <summary>Why <paramref name="value"/> is too long for a field, or null when it fits.</summary>
    public static string? Exceeded(string? value, int limit) =>
        value is not null && value.Length > limit ? $"is {value.Length:N0} characters long, more than the {limit:N0} allowed" : null;
}
