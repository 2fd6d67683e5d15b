namespace InviteTriage.Ingest;

public enum SkipKind
{
    Outgoing = 0,
    HiddenMember = 1,
    Acceptance = 2,
    Reminder = 3,
    NotInvitation = 4,
}
