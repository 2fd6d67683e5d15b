namespace InviteTriage.Core.Invitations;

public enum MessageClass
{
    Generic = 0,
    Personal = 1,
}
