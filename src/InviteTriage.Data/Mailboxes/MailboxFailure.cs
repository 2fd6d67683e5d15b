using System.Net.Sockets;
using System.Security.Cryptography;
using InviteTriage.Core.Mailboxes;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace InviteTriage.Data.Mailboxes;

/// <summary>A failure talking to the mail server, as a status and a sentence the settings page can show.</summary>
internal sealed record MailboxFailure(MailboxStatus Status, string Message)
{
    /// <summary>The failure this exception stands for, or null when it is not a mail-server problem (a bug).</summary>
    public static MailboxFailure? From(Exception exception, MailboxEndpoint endpoint, TimeSpan timeout) => exception switch
    {
        AuthenticationException ex =>
            new(MailboxStatus.LoginRefused, $"{endpoint.Host} refused the login for {endpoint.UserName}: {ex.Message} Check the user name and password."),
        TimeoutException or IOException { InnerException: TimeoutException } or OperationCanceledException =>
            new(MailboxStatus.TimedOut, $"{endpoint.Host}:{endpoint.Port} did not answer within {timeout.TotalSeconds:0} seconds."),
        SocketException ex =>
            new(MailboxStatus.Unreachable, $"Cannot reach {endpoint.Host}:{endpoint.Port}: {ex.Message}"),
        SslHandshakeException =>
            new(MailboxStatus.Failed, $"The TLS handshake with {endpoint.Host}:{endpoint.Port} failed; check the TLS mode, the port and the server's certificate."),
        NotSupportedException when endpoint.TlsMode == MailboxTlsMode.StartTls =>
            new(MailboxStatus.Failed, $"{endpoint.Host}:{endpoint.Port} does not offer STARTTLS; choose SSL/TLS (usually port 993)."),
        FolderNotFoundException ex =>
            new(MailboxStatus.FolderMissing, $"{endpoint.Host} has no folder '{ex.FolderName}'."),
        CryptographicException =>
            new(MailboxStatus.Failed, "The stored password can no longer be decrypted (the app's data protection keys changed); enter it again."),
        ImapCommandException or ImapProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException or IOException =>
            new(MailboxStatus.Failed, $"{endpoint.Host}: {exception.Message}"),
        _ => null,
    };
}
