using System.Globalization;

namespace InviteTriage.Ingest.LinkedIn;

/// <summary>The date shapes LinkedIn exports (and Excel re-saves of them) contain, all without a time zone.</summary>
internal static class LinkedInDates
{
    private static readonly string[] SentAtFormats =
    [
        "M/d/yy, h:mm tt",
        "M/d/yyyy, h:mm tt",
        "M/d/yy, h:mm:ss tt",
        "M/d/yyyy, h:mm:ss tt",
        "M/d/yy h:mm tt",
        "M/d/yyyy h:mm tt",
    ];

    private static readonly string[] ConnectedOnFormats =
    [
        "d MMM yyyy",
        "d-MMM-yy",
        "d-MMM-yyyy",
        "d MMM yy",
        "M/d/yy, h:mm tt",
        "M/d/yyyy, h:mm tt",
        "M/d/yy",
        "yyyy-MM-dd",
    ];

    public static bool TryParseSentAt(string text, out DateTime unzoned) => TryParse(text, SentAtFormats, out unzoned);

    public static bool TryParseConnectedOn(string text, out DateTime unzoned) => TryParse(text, ConnectedOnFormats, out unzoned);

    private static bool TryParse(string text, string[] formats, out DateTime unzoned)
    {
        // Newer ICU data formats "9:02 AM" with a narrow no-break space; files touched by such tools carry it.
        var cleaned = text.Replace('\u202F', ' ').Replace('\u00A0', ' ').Trim();
        return DateTime.TryParseExact(
            cleaned,
            formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AllowInnerWhite,
            out unzoned);
    }
}
