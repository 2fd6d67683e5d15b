using System.Net;
using System.Net.Sockets;
using InviteTriage.Core.Mailboxes;
using InviteTriage.Data.Mailboxes;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Mailboxes;

/// <summary>A server that refuses, never answers or is not there: a clear status on the mailbox, and no exception.</summary>
public abstract class MailboxFailureTests(TriageStore store)
{
    public sealed class OnSqlite(SqliteStore store) : MailboxFailureTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : MailboxFailureTests(store), IClassFixture<PostgresStore>;

    private readonly TestMailboxes _mailboxes = new(store);
    private readonly Members _members = new(store);

    [Fact]
    public async Task SyncAsync_WrongPassword_RecordsARefusedLogin_AndTheNextSyncRetries()
    {
        var (owner, folder) = await _mailboxes.CreateAsync(s => s with { Password = "not-the-password" });

        var refused = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        refused.Status.Should().Be(MailboxStatus.LoginRefused);
        refused.Error.Should().Contain("refused the login for invitetriage").And.Contain("Check the user name and password");
        var row = await _mailboxes.RowAsync(owner);
        row.LastStatus.Should().Be(MailboxStatus.LoginRefused);
        row.LastError.Should().Be(refused.Error);
        row.LastSyncAt.Should().NotBeNull();
        (await _mailboxes.InvitationsAsync(owner)).Should().BeEmpty();

        await _mailboxes.Service.SaveAsync(owner, TestImapServer.Current.Settings(folder), CancellationToken.None);
        var retried = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        retried.Status.Should().Be(MailboxStatus.Ok, retried.Error);
        retried.Added.Should().Be(MailSamples.Invitations);
        (await _mailboxes.RowAsync(owner)).LastError.Should().BeNull();
    }

    [Fact]
    public async Task SyncAsync_AServerThatNeverGreets_RecordsATimeout()
    {
        // The listener's backlog accepts the connection, but nothing ever answers it.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var service = ActivatorUtilities.CreateInstance<MailboxService>(store.Services, new MailboxOptions { Timeout = TimeSpan.FromSeconds(1) });
        var owner = await SaveAsync(service, port);

        var result = await service.SyncAsync(owner, CancellationToken.None);

        result.Status.Should().Be(MailboxStatus.TimedOut);
        result.Error.Should().Be($"127.0.0.1:{port} did not answer within 1 seconds.");
        (await _mailboxes.RowAsync(owner)).LastStatus.Should().Be(MailboxStatus.TimedOut);
    }

    [Fact]
    public async Task SyncAsync_NothingListening_RecordsUnreachable()
    {
        var port = FreePort();
        var owner = await SaveAsync(_mailboxes.Service, port);

        var result = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        result.Status.Should().Be(MailboxStatus.Unreachable);
        result.Error.Should().StartWith($"Cannot reach 127.0.0.1:{port}: ");
    }

    [Fact]
    public async Task SyncAsync_AFolderThatDoesNotExist_RecordsIt()
    {
        var (owner, _) = await _mailboxes.CreateAsync(s => s with { Folder = "No/Such/Folder" });

        var result = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        result.Status.Should().Be(MailboxStatus.FolderMissing);
        result.Error.Should().Be("127.0.0.1 has no folder 'No/Such/Folder'.");
    }

    [Fact]
    public async Task TestConnectionAsync_SaysWhetherTheServerLetsUsInAndStoresNothing()
    {
        var (owner, folder) = await _mailboxes.CreateAsync();
        var settings = TestImapServer.Current.Settings(folder);

        var good = await _mailboxes.Service.TestConnectionAsync(owner, settings with { Password = null }, CancellationToken.None);
        var bad = await _mailboxes.Service.TestConnectionAsync(owner, settings with { Password = "wrong" }, CancellationToken.None);

        good.Status.Should().Be(MailboxStatus.Ok, good.Message);
        good.Message.Should().Be($"Connected to 127.0.0.1 as invitetriage; {folder} holds {MailSamples.Messages} message(s).");
        bad.Status.Should().Be(MailboxStatus.LoginRefused);
        (await _mailboxes.RowAsync(owner)).LastStatus.Should().Be(MailboxStatus.NeverSynced);
    }

    [Fact]
    public async Task SyncAsync_WithoutAMailbox_SaysNoneIsSetUp()
    {
        var owner = await _members.AddAsync();

        var result = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        result.Status.Should().Be(MailboxStatus.NeverSynced);
        result.Error.Should().Be("No mailbox is set up.");
    }

    private async Task<string> SaveAsync(MailboxService service, int port)
    {
        var owner = await _members.AddAsync();
        var settings = new MailboxSettings { Host = "127.0.0.1", Port = port, TlsMode = MailboxTlsMode.None, UserName = "someone", Password = "secret" };
        (await service.SaveAsync(owner, settings, CancellationToken.None)).Should().BeEmpty();
        return owner;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
