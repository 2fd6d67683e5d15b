namespace InviteTriage.Core.Invitations;

public static class Networks
{
    public const string LinkedIn = "linkedin";
}
