namespace InviteTriage.Core.Flocks;

public enum FlockStatus
{
    Open = 0,
    Resolved = 1,
    Dismissed = 2,
    Withdrawn = 3,
}
