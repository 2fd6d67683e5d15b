namespace InviteTriage.Core.Detection;

/// <summary>The period a recipient's data covers: their earliest and latest <c>sentAt</c> of any company.</summary>
public sealed record DataCoverage(DateTime Earliest, DateTime Latest)
{
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

        return any ? new DataCoverage(earliest, latest) : null;
    }
}
