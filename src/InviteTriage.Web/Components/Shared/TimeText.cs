using System.Globalization;

namespace InviteTriage.Web.Components.Shared;

/// <summary>
/// How the UI writes stored (UTC) times: relative for scanning, exact for the tooltip. The server has no idea of the
/// browser's time zone, so exact times say UTC rather than pretend to be local.
/// </summary>
internal static class TimeText
{
    public static string Exact(DateTime utc) =>
        utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Relative(DateTime utc, DateTime now)
    {
        var ago = now - utc;
        return ago switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalMinutes: < 60 } => $"{(int)ago.TotalMinutes} min ago",
            { TotalHours: < 24 } => $"{(int)ago.TotalHours} h ago",
            { TotalDays: < 2 } => "yesterday",
            { TotalDays: < 31 } => $"{(int)ago.TotalDays} days ago",
            { TotalDays: < 365 } => Plural((int)(ago.TotalDays / 30.4), "month") + " ago",
            _ => Plural((int)(ago.TotalDays / 365.25), "year") + " ago",
        };
    }

    /// <summary>A duration as a person says it: "35 min", "2 h 35 min", "1 day 3 h".</summary>
    public static string Span(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "under a minute",
        { TotalHours: < 1 } => $"{span.Minutes} min",
        { TotalDays: < 1 } => span.Minutes == 0 ? $"{span.Hours} h" : $"{span.Hours} h {span.Minutes} min",
        _ => span.Hours == 0 ? Plural(span.Days, "day") : $"{Plural(span.Days, "day")} {span.Hours} h",
    };

    /// <summary>A time of day, with the date when the flock spans more than one day.</summary>
    public static string Clock(DateTime utc, bool withDate) =>
        utc.ToString(withDate ? "MMM d, HH:mm" : "HH:mm", CultureInfo.InvariantCulture);

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
