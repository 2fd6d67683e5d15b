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

/// <summary>Invitations sent in the week starting on <see cref="Monday"/>, and how many of them belong to a flock.</summary>
public sealed record WeekCount(DateOnly Monday, int Invitations, int Flocked);

public sealed record CompanyFlocks(string Company, int Flocks, int Invitations);

public sealed record StatusCount(Core.Invitations.InvitationStatus Status, int Count);

/// <summary>Flocks whose first invitation came in the month starting on <see cref="Month"/>, by severity.</summary>
public sealed record MonthSeverity(DateOnly Month, int Likely, int Review);
