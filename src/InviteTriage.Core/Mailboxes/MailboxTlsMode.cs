namespace InviteTriage.Core.Mailboxes;

public enum MailboxTlsMode
{
    /// <summary>Plain text; only for a server on the same machine or a trusted network.</summary>
    None = 0,

    /// <summary>Connect in plain text, then require STARTTLS before the login (usually port 143).</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (usually port 993).</summary>
    Ssl = 2,
}
