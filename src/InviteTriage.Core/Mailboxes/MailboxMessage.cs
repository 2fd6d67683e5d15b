namespace InviteTriage.Core.Mailboxes;

/// <summary>
/// Where the e-mail of an imported invitation lies on the IMAP server, so that a decision can file it. A UID names
/// a message only together with its folder and that folder's UIDVALIDITY; the Message-ID finds it again when those change.
/// </summary>
public sealed class MailboxMessage
{
    public long Id { get; set; }
    public required string OwnerId { get; set; }
    public long InvitationId { get; set; }
    public required string Folder { get; set; }
    public long UidValidity { get; set; }
    public long Uid { get; set; }
    public string? MessageId { get; set; }
}
