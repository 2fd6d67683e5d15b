using InviteTriage.Core.Mailboxes;

namespace InviteTriage.Data.Mailboxes;

/// <summary>The answer to "Test connection": whether the server let us in and found the folder, in words.</summary>
public sealed record MailboxCheck(MailboxStatus Status, string Message)
{
    public bool Succeeded => Status == MailboxStatus.Ok;
}
