namespace InviteTriage.Core.Invitations;

public enum InvitationSource
{
    Api = 0,
    LinkedInExport = 1,
    Email = 2,
    Csv = 3,
    Json = 4,
    Demo = 5,
}
