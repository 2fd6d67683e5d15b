namespace InviteTriage.Ingest;

internal static class UtcTimes
{
    /// <summary>Converts a time read without a zone; null if it does not exist in that zone (a daylight-saving gap).</summary>
    public static DateTime? FromUnzoned(DateTime unzoned, TimeZoneInfo? zone)
    {
        var local = DateTime.SpecifyKind(unzoned, DateTimeKind.Unspecified);
        if (zone is null)
        {
            return DateTime.SpecifyKind(local, DateTimeKind.Utc);
        }

        return zone.IsInvalidTime(local) ? null : TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
