using System.Runtime.CompilerServices;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Accounts;
using InviteTriage.Data.Imports;
using InviteTriage.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests;

/// <summary>Members of a test instance who receive invitations through the real import service.</summary>
internal sealed class Members(TriageStore store)
{
    public static readonly DateTime Monday = new(2025, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    public async Task<string> AddAsync(string? email = null)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var user = new TriageUser { UserName = email ?? $"{Guid.NewGuid():N}@example.com", Email = email };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async Task<ImportSummary> ReceiveAsync(string ownerId, params InvitationDraft[] drafts)
    {
        var source = new ImportSource("test.json", cancellationToken => Stream(drafts, cancellationToken));
        return await store.Services.GetRequiredService<ImportService>().ImportAsync(ownerId, "test", "json", [source], null, CancellationToken.None);
    }

    /// <summary>A draft from a named sender of a company at a time; the profile URL makes each sender distinct.</summary>
    public static InvitationDraft From(string sender, string company, DateTime sentAt, string? message = null, int line = 1) => new()
    {
        SenderName = sender,
        SenderCompany = company,
        SenderProfileUrl = $"https://www.linkedin.com/in/{sender.ToLowerInvariant().Replace(' ', '-')}-{company.ToLowerInvariant().Replace(' ', '-')}",
        SentAt = sentAt,
        Message = message,
        Source = InvitationSource.Json,
        Origin = IngestOrigin.Element("test.json", line),
    };

    public async Task<List<Flock>> FlocksAsync(string ownerId, params FlockStatus[] statuses)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Flocks.AsNoTracking().Include(f => f.Members)
            .Where(f => f.OwnerId == ownerId && (statuses.Length == 0 || statuses.Contains(f.Status)))
            .OrderBy(f => f.Id)
            .ToListAsync();
    }

    public async Task<List<FlockCandidate>> CandidatesAsync(string ownerId)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.FlockCandidates.AsNoTracking().Where(c => c.OwnerId == ownerId).OrderBy(c => c.CompanyKey).ThenBy(c => c.FirstSentAt).ToListAsync();
    }

    public async Task<List<Invitation>> InvitationsAsync(string ownerId)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Invitations.AsNoTracking().Where(i => i.OwnerId == ownerId).OrderBy(i => i.SentAt).ThenBy(i => i.Id).ToListAsync();
    }

    public async Task<List<Core.History.FlagEvent>> EventsAsync(string ownerId)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.FlagEvents.AsNoTracking().Include(e => e.Changes).Where(e => e.OwnerId == ownerId).OrderBy(e => e.Id).ToListAsync();
    }

    private IDbContextFactory<TriageDbContext> Factory => store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();

    private static async IAsyncEnumerable<IngestItem> Stream(InvitationDraft[] drafts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var draft in drafts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new IngestDraft(draft);
        }

        await Task.CompletedTask;
    }
}
