using InviteTriage.Core.Mailboxes;
using InviteTriage.Data.Mailboxes;

namespace InviteTriage.Data.Tests.Mailboxes;

/// <summary>The IMAP sync against the real Dovecot that ./test.sh starts.</summary>
public abstract class MailboxSyncTests
{
    public sealed class OnSqlite(SqliteStore store) : MailboxSyncTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : MailboxSyncTests(store), IClassFixture<PostgresStore>;

    private readonly TestImapServer _server = TestImapServer.Current;
    private readonly TestMailboxes _mailboxes;

    protected MailboxSyncTests(TriageStore store) => _mailboxes = new TestMailboxes(store);

    [Fact]
    public async Task SyncAsync_TheSampleEmails_ImportsTheInvitationsAndSkipsAcceptancesAndReminders()
    {
        var (owner, _) = await _mailboxes.CreateAsync();

        var result = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        result.Status.Should().Be(MailboxStatus.Ok, result.Error);
        result.Read.Should().Be(MailSamples.Messages);
        result.Added.Should().Be(MailSamples.Invitations);
        result.Duplicates.Should().Be(1, "the mbox repeats the current-style invitation");
        result.Skipped.Should().Equal(new Dictionary<string, int> { ["acceptance"] = 2, ["reminder"] = 2 });
        result.Rejected.Should().BeEmpty();
        var invitations = await _mailboxes.InvitationsAsync(owner);
        invitations.Select(i => i.SenderName).Should().BeEquivalentTo(
            "Terry Brook", "Ada Fenwick", "Luca Bianchi", "Kim Ortega", "Lee Marsh", "Dana Quill", "Priya Raman");
        var row = await _mailboxes.RowAsync(owner);
        row.LastStatus.Should().Be(MailboxStatus.Ok);
        row.LastError.Should().BeNull();
        row.LastUid.Should().Be(MailSamples.Messages);
        row.UidValidity.Should().NotBeNull();
    }

    [Fact]
    public async Task SyncAsync_WhileAnotherInstanceSyncsTheMailbox_ReadsNothingAndSaysSo_ThenReadsItOnceItIsFree()
    {
        // "Sync now" on one web instance while a background round (or another "Sync now") reads the mailbox on another.
        var (owner, _) = await _mailboxes.CreateAsync();
        var lease = MailboxService.SyncLeaseName(owner);
        (await _mailboxes.Leases.TryTakeAsync(lease, "another instance", MailboxService.SyncLeaseLength, CancellationToken.None)).Should().BeTrue();

        var held = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        (held.SyncingElsewhere, held.Succeeded, held.Read, held.Added).Should().Be((true, false, 0, 0));
        held.Error.Should().Contain("Another instance");
        (await _mailboxes.InvitationsAsync(owner)).Should().BeEmpty();
        (await _mailboxes.RowAsync(owner)).LastStatus.Should().Be(MailboxStatus.NeverSynced, "a sync that did not run records nothing");
        (await _mailboxes.Leases.HolderAsync(lease, CancellationToken.None)).Should().Be("another instance", "the holder keeps its lease");

        await _mailboxes.Leases.ReleaseAsync(lease, "another instance", CancellationToken.None);
        var free = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        (free.Status, free.SyncingElsewhere, free.Added).Should().Be((MailboxStatus.Ok, false, MailSamples.Invitations));
        (await _mailboxes.Leases.HolderAsync(lease, CancellationToken.None)).Should().BeNull("a sync gives its lease up when it ends");
    }

    [Fact]
    public async Task SyncAsync_Again_ReadsNothingAndAddsNothing()
    {
        var (owner, _) = await _mailboxes.CreateAsync();
        await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        var second = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        second.Status.Should().Be(MailboxStatus.Ok, second.Error);
        second.Read.Should().Be(0);
        second.Added.Should().Be(0);
        (await _mailboxes.InvitationsAsync(owner)).Should().HaveCount(MailSamples.Invitations);
    }

    [Fact]
    public async Task SyncAsync_AfterANewEmailArrives_ReadsAndAddsOnlyIt()
    {
        var (owner, folder) = await _mailboxes.CreateAsync();
        await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);
        await _server.AppendAsync(folder, MailSamples.NewInvitation("7390000000000000099", "Nora Vale", new DateTimeOffset(2025, 11, 26, 8, 15, 0, TimeSpan.Zero)));

        var result = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        result.Status.Should().Be(MailboxStatus.Ok, result.Error);
        result.Read.Should().Be(1);
        result.Added.Should().Be(1);
        var invitations = await _mailboxes.InvitationsAsync(owner);
        invitations.Should().HaveCount(MailSamples.Invitations + 1);
        invitations.Should().ContainSingle(i => i.ExternalId == "7390000000000000099").Which.SenderName.Should().Be("Nora Vale");
        (await _mailboxes.RowAsync(owner)).LastUid.Should().Be(MailSamples.Messages + 1);
    }

    [Fact]
    public async Task SyncAsync_WithSentSince_ReadsOnlyMailSentFromThatDay()
    {
        var (owner, _) = await _mailboxes.CreateAsync(s => s with { SentSince = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc) });

        var result = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        result.Status.Should().Be(MailboxStatus.Ok, result.Error);
        result.Read.Should().Be(MailSamples.Messages - 1, "the 2016 invitation was sent before the day");
        (await _mailboxes.InvitationsAsync(owner)).Select(i => i.SenderName).Should().NotContain("Terry Brook").And.HaveCount(MailSamples.Invitations - 1);
        (await _mailboxes.RowAsync(owner)).LastUid.Should().Be(MailSamples.Messages, "mail passed over by the search is not searched again");
    }

    [Fact]
    public async Task SyncAsync_WhenTheFolderIsRecreatedWithANewUidValidity_ReadsItAgainAndAddsNothingTwice()
    {
        var (owner, folder) = await _mailboxes.CreateAsync();
        await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);
        var before = await _mailboxes.RowAsync(owner);
        await _server.DeleteFolderAsync(folder);
        await _server.CreateFolderAsync(folder, [.. MailSamples.All().Take(3)]);

        var result = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        result.Status.Should().Be(MailboxStatus.Ok, result.Error);
        result.Read.Should().Be(3, "the UIDs of the old folder mean nothing in the new one");
        result.Added.Should().Be(0);
        var after = await _mailboxes.RowAsync(owner);
        after.UidValidity.Should().NotBe(before.UidValidity);
        after.LastUid.Should().Be(3);
        (await _mailboxes.InvitationsAsync(owner)).Should().HaveCount(MailSamples.Invitations);
    }
}
