namespace InviteTriage.Core.Mailboxes;

/// <summary>How the last sync of a mailbox ended.</summary>
public enum MailboxStatus
{
    NeverSynced = 0,
    Ok = 1,
    LoginRefused = 2,
    TimedOut = 3,
    Unreachable = 4,
    FolderMissing = 5,
    Failed = 6,
}
