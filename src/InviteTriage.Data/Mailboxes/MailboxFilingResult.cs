namespace InviteTriage.Data.Mailboxes;

/// <summary>
/// What filing did: e-mails moved, e-mails no longer where they were last seen (moved or deleted by hand), and the
/// reason it could not reach the server, if so. Filing is off when the user has not asked for it.
/// </summary>
public sealed record MailboxFilingResult(int Moved, int Missing, string? Error)
{
    public static MailboxFilingResult Nothing { get; } = new(0, 0, null);
}
