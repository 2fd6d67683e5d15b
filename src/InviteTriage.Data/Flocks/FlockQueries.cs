using InviteTriage.Core.Flocks;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Flocks;

/// <summary>Read-side queries over one owner's flocks; most likely first.</summary>
public sealed class FlockQueries(IDbContextFactory<TriageDbContext> dbFactory)
{
    public async Task<IReadOnlyList<FlockView>> ListAsync(string ownerId, FlockStatus? status, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var flocks = await db.Flocks.AsNoTracking()
            .Where(f => f.OwnerId == ownerId && (status == null || f.Status == status))
            .OrderByDescending(f => f.Score).ThenByDescending(f => f.FirstSentAt).ThenBy(f => f.Id)
            .ToListAsync(cancellationToken);
        return await WithMembersAsync(db, flocks, cancellationToken);
    }

    public async Task<FlockView?> GetAsync(string ownerId, long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var flock = await db.Flocks.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id && f.OwnerId == ownerId, cancellationToken);
        return flock is null ? null : (await WithMembersAsync(db, [flock], cancellationToken))[0];
    }

    private static async Task<IReadOnlyList<FlockView>> WithMembersAsync(TriageDbContext db, List<Flock> flocks, CancellationToken cancellationToken)
    {
        var ids = flocks.Select(f => f.Id).ToList();
        var members = (await (
                from member in db.FlockMembers
                join invitation in db.Invitations on member.InvitationId equals invitation.Id
                where ids.Contains(member.FlockId)
                orderby invitation.SentAt, invitation.Id
                select new { member.FlockId, View = new FlockMemberView(invitation.Id, invitation.ExternalId, invitation.SenderName, invitation.SenderHeadline, invitation.SentAt, invitation.Status) })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.FlockId, m => m.View);
        return [.. flocks.Select(f => new FlockView(
            f.Id, f.Company, f.CompanyKey, f.Score, f.Severity, f.Status, f.FirstSentAt, f.LastSentAt, f.SenderCount, f.PValue,
            [.. members[f.Id]], f.Reasons))];
    }
}
