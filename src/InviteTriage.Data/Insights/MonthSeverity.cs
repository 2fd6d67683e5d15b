namespace InviteTriage.Data.Insights;

/// <summary>Flocks whose first invitation came in the month starting on <see cref="Month"/>, by severity.</summary>
public sealed record MonthSeverity(DateOnly Month, int Likely, int Review);
