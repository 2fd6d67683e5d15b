namespace InviteTriage.Core.Detection;

/// <summary>The period a recipient's data covers: their earliest and latest <c>sentAt</c> of any company.</summary>
public sealed record DataCoverage(DateTime Earliest, DateTime Latest)
{
    /// <summary>Null when there are no invitations.</summary>
    public static DataCoverage? Of(IEnumerable<DateTime> sentAts)
    {
        ArgumentNullException.ThrowIfNull(sentAts);
        DataCoverage? coverage = null;
        foreach (var sentAt in sentAts)
        {
            coverage = coverage is null
                ? new DataCoverage(sentAt, sentAt)
                : new DataCoverage(Min(coverage.Earliest, sentAt), Max(coverage.Latest, sentAt));
        }

        return coverage;
    }

    private static DateTime Min(DateTime a, DateTime b) => a <= b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a >= b ? a : b;
}
