using InviteTriage.Core.Invitations;
using InviteTriage.Core.Mailboxes;
using InviteTriage.Data.Leases;
using InviteTriage.Data.Mailboxes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Mailboxes;

/// <summary>Members with a mailbox on the test Dovecot, each reading a folder of its own filled with messages.</summary>
internal sealed class TestMailboxes(TriageStore store)
{
    private readonly Members _members = new(store);

    public MailboxService Service => store.Services.GetRequiredService<MailboxService>();

    public LeaseService Leases => store.Services.GetRequiredService<LeaseService>();

    /// <summary>A new member whose mailbox reads a new folder holding these messages (all the samples unless given).</summary>
    public async Task<(string Owner, string Folder)> CreateAsync(Func<MailboxSettings, MailboxSettings>? adjust = null, params MimeKit.MimeMessage[] messages)
    {
        var server = TestImapServer.Current;
        var owner = await _members.AddAsync();
        var folder = TestImapServer.NewFolderName();
        await server.CreateFolderAsync(folder, messages.Length > 0 ? messages : MailSamples.All());
        var settings = server.Settings(folder);
        var problems = await Service.SaveAsync(owner, adjust is null ? settings : adjust(settings), CancellationToken.None);
        problems.Should().BeEmpty();
        return (owner, folder);
    }

    public async Task<Mailbox> RowAsync(string owner)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Mailboxes.AsNoTracking().SingleAsync(m => m.OwnerId == owner);
    }

    public Task<List<Invitation>> InvitationsAsync(string owner) => _members.InvitationsAsync(owner);

    private IDbContextFactory<TriageDbContext> Factory => store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
}
