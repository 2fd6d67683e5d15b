using System.Globalization;

namespace InviteTriage.Ingest.Generic;

/// <summary>ISO 8601 times of the generic formats: with an offset they are exact, without one the import's zone applies.</summary>
internal static class IsoTimestamps
{
    private static readonly string[] UnzonedFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd",
    ];

    private static readonly string[] ZonedFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK",
    ];

    public const string Example = "2025-11-24T09:02:00Z";

    public static DateTime? ToUtc(string text, TimeZoneInfo? zone)
    {
        var trimmed = text.Trim();
        if (DateTime.TryParseExact(trimmed, UnzonedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var unzoned))
        {
            return UtcTimes.FromUnzoned(unzoned, zone);
        }

        return DateTimeOffset.TryParseExact(trimmed, ZonedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var zoned)
            ? zoned.UtcDateTime
            : null;
    }
}
