namespace InviteTriage.Data.Insights;

/// <summary>The numbers behind the insights page, for one user.</summary>
public sealed record InsightsView(
    IReadOnlyList<WeekCount> Weeks,
    IReadOnlyList<CompanyFlocks> TopCompanies,
    IReadOnlyList<StatusCount> Decisions,
    IReadOnlyList<MonthSeverity> FlocksByMonth)
{
    public bool IsEmpty => Weeks.Sum(w => w.Invitations) == 0 && Decisions.Sum(d => d.Count) == 0;
}
