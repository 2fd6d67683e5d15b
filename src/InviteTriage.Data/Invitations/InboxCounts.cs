namespace InviteTriage.Data.Invitations;

/// <summary>The counts on the inbox's tabs. <see cref="Flocked"/> counts pending invitations that belong to a flock.</summary>
public sealed record InboxCounts(int Pending, int Flocked, int Accepted, int Archived, int NotKnown, int All);
