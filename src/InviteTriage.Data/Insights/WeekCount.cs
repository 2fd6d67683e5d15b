namespace InviteTriage.Data.Insights;

/// <summary>Invitations sent in the week starting on <see cref="Monday"/>, and how many of them belong to a flock.</summary>
public sealed record WeekCount(DateOnly Monday, int Invitations, int Flocked);
