namespace InviteTriage.Data.Invitations;

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
