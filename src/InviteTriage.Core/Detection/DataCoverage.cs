namespace InviteTriage.Core.Detection;

/// <summary>
/// The period a recipient's data covers, in whole UTC days: from the start of the day of their earliest
/// <c>sentAt</c> to the end of the day of their latest, of any company.
/// </summary>
/// <remarks>
/// Whole days because an export covers days, and because it keeps arrivals cheap. Every candidate's baseline window
/// is clipped to the coverage, so a coverage that moved with each newest invitation would make every arrival re-test
/// every candidate of the last 90 days. In whole days, only the first arrival of a new day does.
/// </remarks>
public sealed record DataCoverage(DateTime Earliest, DateTime Latest)
{
    /// <summary>The whole days from <paramref name="earliest"/>'s to <paramref name="latest"/>'s.</summary>
    public static DataCoverage Spanning(DateTime earliest, DateTime latest) => new(earliest.Date, latest.Date.AddDays(1));

    /// <summary>Null when there are no invitations.</summary>
    public static DataCoverage? Of(IEnumerable<DateTime> sentAts)
    {
        ArgumentNullException.ThrowIfNull(sentAts);
        var any = false;
        DateTime earliest = default, latest = default;
        foreach (var sentAt in sentAts)
        {
            earliest = !any || sentAt < earliest ? sentAt : earliest;
            latest = !any || sentAt > latest ? sentAt : latest;
            any = true;
        }

        return any ? Spanning(earliest, latest) : null;
    }
}
