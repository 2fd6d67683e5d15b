namespace InviteTriage.Core.Invitations;

public enum InvitationStatus
{
    Pending = 0,
    Accepted = 1,
    Archived = 2,
    NotKnown = 3,
}
