namespace InviteTriage.Data.Detection;

/// <summary>
/// A point where a user's data changed: an invitation arrived, left (an undone import) or moved to another
/// company. Detection re-examines the company around it.
/// </summary>
public sealed record InvitationChange(string? CompanyKey, DateTime SentAt);
