namespace InviteTriage.Data.History;

public sealed record HistoryChange(long InvitationId, string? Before, string? After);
