using System.Net;
using InviteTriage.Core.Mailboxes;
using MailKit.Net.Imap;
using MailKit.Security;

namespace InviteTriage.Data.Mailboxes;

/// <summary>A connected, logged-in IMAP client that logs out when disposed.</summary>
internal sealed class ImapSession : IAsyncDisposable
{
    private ImapSession(ImapClient client) => Client = client;

    public ImapClient Client { get; }

    /// <summary>
    /// Connects and logs in. A server that does not greet or answer within <paramref name="timeout"/> ends in a
    /// <see cref="TimeoutException"/>: MailKit's own timeout covers reads, but not every step of the connect.
    /// </summary>
    public static async Task<ImapSession> OpenAsync(MailboxEndpoint endpoint, string password, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = new ImapClient { Timeout = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds) };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await client.ConnectAsync(endpoint.Host, endpoint.Port, SocketOptions(endpoint.TlsMode), deadline.Token);
                await AuthenticateAsync(client, endpoint.UserName, password, deadline.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{endpoint.Host}:{endpoint.Port} did not answer within {timeout}.", ex);
            }

            return new ImapSession(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Client.IsConnected)
            {
                await Client.DisconnectAsync(quit: true, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is IOException or ImapProtocolException or ImapCommandException or TimeoutException or OperationCanceledException)
        {
            // The work is done or has failed already; a logout that does not go through changes nothing.
        }
        finally
        {
            Client.Dispose();
        }
    }

    /// <summary>
    /// One login attempt. Given only a password, MailKit tries every mechanism the server offers in turn, so a wrong
    /// password would count as several failures at every sync and could lock the account on servers that count them.
    /// </summary>
    private static Task AuthenticateAsync(ImapClient client, string userName, string password, CancellationToken cancellationToken)
    {
        var credentials = new NetworkCredential(userName, password);
        return client.AuthenticationMechanisms.Contains("PLAIN")
            ? client.AuthenticateAsync(new SaslMechanismPlain(credentials), cancellationToken)
            : client.AuthenticateAsync(credentials, cancellationToken);
    }

    private static SecureSocketOptions SocketOptions(MailboxTlsMode mode) => mode switch
    {
        MailboxTlsMode.None => SecureSocketOptions.None,
        MailboxTlsMode.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.SslOnConnect,
    };
}
