using InviteTriage.Core.Invitations;
using InviteTriage.Data.Mailboxes;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Mailboxes;

/// <summary>Filing a decided invitation's e-mails into the folder of the decision, on the real Dovecot.</summary>
public abstract class MailboxFilingTests(TriageStore store)
{
    public sealed class OnSqlite(SqliteStore store) : MailboxFilingTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : MailboxFilingTests(store), IClassFixture<PostgresStore>;

    private readonly TestImapServer _server = TestImapServer.Current;
    private readonly TestMailboxes _mailboxes = new(store);

    [Fact]
    public async Task FileDecisionsAsync_Accepted_MovesTheInvitationsEmailsIntoTheAcceptedFolder_CreatingIt()
    {
        var (owner, folder, accepted) = await SyncedWithFilingAsync();
        var ada = await AdaAsync(owner);
        (await _server.MessageIdsAsync(accepted)).Should().BeNull("the folder does not exist yet");

        var result = await _mailboxes.Service.FileDecisionsAsync(owner, [ada], InvitationStatus.Accepted, CancellationToken.None);

        result.Error.Should().BeNull();
        result.Missing.Should().Be(0);
        result.Moved.Should().Be(4, "Ada's invitation is in the folder twice (the .eml and the mbox), and so is its reminder");
        var filed = await _server.MessageIdsAsync(accepted);
        filed.Should().HaveCount(4).And.Contain(MailSamples.AdaMessageId);
        var left = await _server.MessageIdsAsync(folder);
        left.Should().HaveCount(MailSamples.Messages - 4).And.NotContain(MailSamples.AdaMessageId);
    }

    [Fact]
    public async Task FileDecisionsAsync_AnotherDecision_MovesOnFromWhereTheEmailNowIs_AndPendingMovesItBack()
    {
        var (owner, folder, accepted) = await SyncedWithFilingAsync();
        var ada = await AdaAsync(owner);
        await _mailboxes.Service.FileDecisionsAsync(owner, [ada], InvitationStatus.Accepted, CancellationToken.None);

        var again = await _mailboxes.Service.FileDecisionsAsync(owner, [ada], InvitationStatus.Accepted, CancellationToken.None);
        var archived = await _mailboxes.Service.FileDecisionsAsync(owner, [ada], InvitationStatus.Archived, CancellationToken.None);
        var restored = await _mailboxes.Service.FileDecisionsAsync(owner, [ada], InvitationStatus.Pending, CancellationToken.None);
        var sync = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);

        again.Moved.Should().Be(0, "the e-mails are in the accepted folder already");
        archived.Moved.Should().Be(4);
        restored.Moved.Should().Be(4);
        (await _server.MessageIdsAsync(accepted)).Should().BeEmpty();
        (await _server.MessageIdsAsync(folder)).Should().HaveCount(MailSamples.Messages);
        sync.Added.Should().Be(0, "e-mails moved back are known, not new invitations");
        (await _mailboxes.InvitationsAsync(owner)).Should().HaveCount(MailSamples.Invitations);
    }

    [Fact]
    public async Task FileDecisionsAsync_WhenFilingIsOff_MovesNothing()
    {
        var (owner, folder) = await _mailboxes.CreateAsync();
        await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);
        var ada = await AdaAsync(owner);

        var result = await _mailboxes.Service.FileDecisionsAsync(owner, [ada], InvitationStatus.NotKnown, CancellationToken.None);

        result.Should().Be(MailboxFilingResult.Nothing);
        (await _server.MessageIdsAsync(folder)).Should().HaveCount(MailSamples.Messages);
    }

    [Fact]
    public async Task ADecisionInTheApp_FilesTheEmail_AndItsUndoBringsItBack()
    {
        var (owner, folder, accepted) = await SyncedWithFilingAsync();
        var ada = await AdaAsync(owner);
        var triage = store.Services.GetRequiredService<InviteTriage.Data.Triage.TriageService>();

        var decision = await triage.ActOnInvitationsAsync(owner, "me", [ada], Core.Triage.TriageAction.Accept, CancellationToken.None);

        (await _server.MessageIdsAsync(accepted)).Should().Contain(MailSamples.AdaMessageId);

        await triage.UndoAsync(owner, "me", decision.EventId!.Value, CancellationToken.None);

        (await _server.MessageIdsAsync(accepted)).Should().BeEmpty();
        (await _server.MessageIdsAsync(folder)).Should().HaveCount(MailSamples.Messages);
    }

    /// <summary>A synced mailbox that files decisions under a folder of its own, two levels deep.</summary>
    private async Task<(string Owner, string Folder, string Accepted)> SyncedWithFilingAsync()
    {
        var filed = TestImapServer.NewFolderName();
        var (owner, folder) = await _mailboxes.CreateAsync(s => s with
        {
            FileDecisions = true,
            AcceptedFolder = $"{filed}/Accepted",
            ArchivedFolder = $"{filed}/Archived",
            NotKnownFolder = $"{filed}/NotKnown",
        });
        var sync = await _mailboxes.Service.SyncAsync(owner, CancellationToken.None);
        sync.Added.Should().Be(MailSamples.Invitations, sync.Error);
        return (owner, folder, $"{filed}/Accepted");
    }

    private async Task<long> AdaAsync(string owner) =>
        (await _mailboxes.InvitationsAsync(owner)).Single(i => i.ExternalId == MailSamples.AdaInvitationId).Id;
}
