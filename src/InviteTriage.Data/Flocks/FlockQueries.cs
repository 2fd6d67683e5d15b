using InviteTriage.Core.Flocks;
using InviteTriage.Data.Invitations;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Flocks;

/// <summary>Read-side queries over one owner's flocks; most likely first.</summary>
public sealed class FlockQueries(IDbContextFactory<TriageDbContext> dbFactory)
{
    public const int MaxPageSize = 500;

    /// <summary>Every flock of the owner in a status (all when null): what <c>flocks --json</c> prints.</summary>
    public async Task<IReadOnlyList<FlockView>> ListAsync(string ownerId, FlockStatus? status, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var flocks = await Listed(db, ownerId, status).ToListAsync(cancellationToken);
        return await WithMembersAsync(db, flocks, cancellationToken);
    }

    /// <summary>
    /// One page of the same list, in the same order, and how many flocks the list holds: a member with a thousand
    /// flocks is sent 50 of them with their members, not all of them.
    /// </summary>
    public async Task<Page<FlockView>> PageAsync(string ownerId, FlockStatus? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var offset = (Math.Max(page, 1) - 1) * pageSize;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var flocks = await Listed(db, ownerId, status).Skip(offset).Take(pageSize).ToListAsync(cancellationToken);
        var total = flocks.Count < pageSize && (flocks.Count > 0 || offset == 0)
            ? offset + flocks.Count
            : await db.Flocks.CountAsync(f => f.OwnerId == ownerId && (status == null || f.Status == status), cancellationToken);
        return new Page<FlockView>(await WithMembersAsync(db, flocks, cancellationToken), total);
    }

    /// <summary>
    /// The flocks of one status from <paramref name="skip"/> on, at most <paramref name="take"/>, in the list's order,
    /// and how many the status holds: the Flocks page reads its cards as it shows them, not the whole tab.
    /// </summary>
    public async Task<Page<FlockView>> RangeAsync(string ownerId, FlockStatus status, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var flocks = await Listed(db, ownerId, status).Skip(Math.Max(skip, 0)).Take(Math.Max(take, 0)).ToListAsync(cancellationToken);
        var total = await db.Flocks.CountAsync(f => f.OwnerId == ownerId && f.Status == status, cancellationToken);
        return new Page<FlockView>(await WithMembersAsync(db, flocks, cancellationToken), total);
    }

    /// <summary>
    /// A flock's status and its place in that status's list (0 is the first), in one query; null when the owner has
    /// no such flock. A link to a flock opens its tab with the cards down to it.
    /// </summary>
    public async Task<FlockRank?> RankAsync(string ownerId, long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Flocks.AsNoTracking()
            .Where(f => f.Id == id && f.OwnerId == ownerId)
            .Select(linked => new FlockRank(
                linked.Status,
                // Those before it in Listed's order: higher scored, then later, then of a smaller id.
                db.Flocks.Count(f => f.OwnerId == ownerId && f.Status == linked.Status
                    && (f.Score > linked.Score
                        || (f.Score == linked.Score && (f.FirstSentAt > linked.FirstSentAt || (f.FirstSentAt == linked.FirstSentAt && f.Id < linked.Id)))))))
            .SingleOrDefaultAsync(cancellationToken);
    }

    // Most likely first, through the owner's (OwnerId, Status, Score) index when a status is given.
    private static IQueryable<Flock> Listed(TriageDbContext db, string ownerId, FlockStatus? status) =>
        db.Flocks.AsNoTracking()
            .Where(f => f.OwnerId == ownerId && (status == null || f.Status == status))
            .OrderByDescending(f => f.Score).ThenByDescending(f => f.FirstSentAt).ThenBy(f => f.Id);

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
