using InviteTriage.Core.Mailboxes;

namespace InviteTriage.Data.Mailboxes;

/// <summary>Where to connect and as whom; the password travels beside it, never inside a value that may be logged.</summary>
internal sealed record MailboxEndpoint(string Host, int Port, MailboxTlsMode TlsMode, string UserName)
{
    public static MailboxEndpoint Of(Mailbox mailbox) => new(mailbox.Host, mailbox.Port, mailbox.TlsMode, mailbox.UserName);

    public static MailboxEndpoint Of(MailboxSettings settings) => new(settings.Host.Trim(), settings.Port, settings.TlsMode, settings.UserName.Trim());
}
