using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Invitations;

/// <summary>Read-side queries over one owner's invitations. Every query is filtered by owner.</summary>
public sealed class InvitationQueries(IDbContextFactory<TriageDbContext> dbFactory)
{
    /// <summary>
    /// One page of the invitations a filter matches, and how many it matches. A caller that knows the total already
    /// passes it as <c>knownTotal</c> (the inbox has it from its tab counts): counting a million rows again for every
    /// page is the slowest part of paging.
    /// </summary>
    public Task<Page<InvitationView>> ListAsync(string ownerId, InvitationFilter filter, CancellationToken cancellationToken) =>
        ListAsync(ownerId, filter, knownTotal: null, cancellationToken);

    public async Task<Page<InvitationView>> ListAsync(string ownerId, InvitationFilter filter, int? knownTotal, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (matching, page) = PageQueries(db, ownerId, filter);
        var total = knownTotal ?? await matching.CountAsync(cancellationToken);
        var items = await page
            .Select(i => new InvitationView(
                i.Id, i.ExternalId, i.SenderName, i.SenderHeadline, i.Company, i.CompanyKey,
                i.SentAt, i.Message, i.Status, i.FlockId, i.Source)
            {
                MessageClass = i.MessageClass,
                FlockSeverity = db.Flocks.Where(f => f.Id == i.FlockId).Select(f => (FlockSeverity?)f.Severity).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return new Page<InvitationView>(items, total);
    }

    /// <summary>
    /// The invitations a filter matches (for the total) and its page of them in order. Separate from
    /// <c>ListAsync</c> so that a test can check the store answers both through indexes.
    /// </summary>
    internal static (IQueryable<Invitation> Matching, IQueryable<Invitation> Page) PageQueries(TriageDbContext db, string ownerId, InvitationFilter filter)
    {
        var query = Filtered(db, ownerId, filter);
        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (filter.InFlock)
        {
            query = query.Where(i => i.FlockId != null);
        }

        var pageSize = Math.Clamp(filter.PageSize, 1, InvitationFilter.MaxPageSize);
        var page = Math.Max(filter.Page, 1);
        return (query, Sorted(query, filter).Skip((page - 1) * pageSize).Take(pageSize));
    }

    /// <summary>
    /// How many invitations each inbox tab holds under the filter's other conditions (its status and flock-only flag,
    /// which pick the tab, are ignored), so that the tabs' counts agree with what each tab lists.
    /// </summary>
    public async Task<InboxCounts> CountAsync(string ownerId, InvitationFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (statuses, flockedPerFlock) = CountQueries(db, ownerId, filter);
        var byStatus = await statuses.GroupBy(status => status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var flocked = await flockedPerFlock.SumAsync(cancellationToken);
        return new InboxCounts(
            byStatus.GetValueOrDefault(InvitationStatus.Pending),
            flocked,
            byStatus.GetValueOrDefault(InvitationStatus.Accepted),
            byStatus.GetValueOrDefault(InvitationStatus.Archived),
            byStatus.GetValueOrDefault(InvitationStatus.NotKnown),
            byStatus.Values.Sum());
    }

    /// <summary>The statuses of the invitations a filter matches, and the pending ones in flocks, for the tab counts.</summary>
    internal static (IQueryable<InvitationStatus> Statuses, IQueryable<int> FlockedPerFlock) CountQueries(TriageDbContext db, string ownerId, InvitationFilter filter)
    {
        // Driven from the owner's flocks, one count per flock through the FlockId index: flocked invitations are few,
        // pending ones are not. The inner count names no owner, because a flock's members are its owner's; with the
        // owner named, SQLite may prefer the owner's index and walk every pending invitation once per flock.
        var members = Narrowed(db, db.Invitations.AsNoTracking(), filter);
        var flocked = db.Flocks
            .Where(f => f.OwnerId == ownerId && (f.Status == FlockStatus.Open || f.Status == FlockStatus.Resolved))
            .Select(f => members.Count(i => i.FlockId == f.Id && i.Status == InvitationStatus.Pending));
        return (Filtered(db, ownerId, filter).Select(i => i.Status), flocked);
    }

    /// <summary>Whether the user has any invitation at all, which decides between the inbox and its empty state.</summary>
    public async Task<bool> AnyAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Invitations.AnyAsync(i => i.OwnerId == ownerId, cancellationToken);
    }

    /// <summary>Every condition of the filter but those that pick an inbox tab, which the tab counts group by instead.</summary>
    private static IQueryable<Invitation> Filtered(TriageDbContext db, string ownerId, InvitationFilter filter) =>
        Narrowed(db, db.Invitations.AsNoTracking().Where(i => i.OwnerId == ownerId), filter);

    private static IQueryable<Invitation> Narrowed(TriageDbContext db, IQueryable<Invitation> query, InvitationFilter filter)
    {
        if (filter.FlockId is { } flockId)
        {
            query = query.Where(i => i.FlockId == flockId);
        }

        if (filter.Severity is { } severity)
        {
            query = query.Where(i => db.Flocks.Any(f => f.Id == i.FlockId && f.Severity == severity));
        }

        if (filter.Source is { } source)
        {
            query = query.Where(i => i.Source == source);
        }

        if (filter.From is { } from)
        {
            query = query.Where(i => i.SentAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(i => i.SentAt < to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Company))
        {
            var company = LikePattern.Contains(filter.Company);
            query = query.Where(i => i.Company != null && TriageDbContext.ContainsText(i.Company, company));
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = LikePattern.Contains(filter.Search);
            query = query.Where(i =>
                TriageDbContext.ContainsText(i.SenderName, pattern)
                || (i.SenderHeadline != null && TriageDbContext.ContainsText(i.SenderHeadline, pattern))
                || (i.Company != null && TriageDbContext.ContainsText(i.Company, pattern))
                || (i.Message != null && TriageDbContext.ContainsText(i.Message, pattern)));
        }

        return query;
    }

    // Each order follows an index of InvitationEntityTypeConfiguration that starts with the owner and ends in the
    // time; the id last makes pages stable when two invitations share a time.
    private static IQueryable<Invitation> Sorted(IQueryable<Invitation> query, InvitationFilter filter) => (filter.Sort, filter.Descending) switch
    {
        (InvitationSort.Sender, false) => query.OrderBy(i => i.SenderNameKey).ThenBy(i => i.SentAt).ThenBy(i => i.Id),
        (InvitationSort.Sender, true) => query.OrderByDescending(i => i.SenderNameKey).ThenByDescending(i => i.SentAt).ThenByDescending(i => i.Id),
        (InvitationSort.Company, false) => query.OrderBy(i => i.CompanyKey).ThenBy(i => i.SentAt).ThenBy(i => i.Id),
        (InvitationSort.Company, true) => query.OrderByDescending(i => i.CompanyKey).ThenByDescending(i => i.SentAt).ThenByDescending(i => i.Id),
        (InvitationSort.Status, false) => query.OrderBy(i => i.Status).ThenBy(i => i.SentAt).ThenBy(i => i.Id),
        (InvitationSort.Status, true) => query.OrderByDescending(i => i.Status).ThenByDescending(i => i.SentAt).ThenByDescending(i => i.Id),
        (_, false) => query.OrderBy(i => i.SentAt).ThenBy(i => i.Id),
        _ => query.OrderByDescending(i => i.SentAt).ThenByDescending(i => i.Id),
    };

    /// <summary>
    /// One invitation: its flock's reasons when it is in one, else its own signals (a repeat, a generic message),
    /// and its history. Null when it is not the owner's.
    /// </summary>
    public async Task<InvitationDetail?> GetAsync(string ownerId, long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.OwnerId == ownerId, cancellationToken);
        if (invitation is null)
        {
            return null;
        }

        IReadOnlyList<FlagReason> reasons;
        if (invitation.FlockId is { } flockId)
        {
            reasons = await db.Flocks.AsNoTracking().Where(f => f.Id == flockId).Select(f => f.Reasons).SingleAsync(cancellationToken);
        }
        else
        {
            var isRepeat = await db.Invitations.AnyAsync(
                i => i.OwnerId == ownerId && i.SenderKey == invitation.SenderKey && i.SentAt < invitation.SentAt && i.Status != InvitationStatus.Accepted,
                cancellationToken);
            reasons = FlockScorer.SingleInvitationReasons(isRepeat, invitation.MessageClass);
        }

        var history = await (
                from change in db.FlagEventChanges
                join flagEvent in db.FlagEvents on change.FlagEventId equals flagEvent.Id
                where change.InvitationId == id && flagEvent.OwnerId == ownerId
                orderby flagEvent.Id descending
                select new InvitationHistoryEntry(flagEvent.Id, flagEvent.Kind, flagEvent.Actor, flagEvent.OccurredAt, flagEvent.Summary, change.Before, change.After))
            .ToListAsync(cancellationToken);

        var view = new InvitationView(
            invitation.Id, invitation.ExternalId, invitation.SenderName, invitation.SenderHeadline, invitation.Company, invitation.CompanyKey,
            invitation.SentAt, invitation.Message, invitation.Status, invitation.FlockId, invitation.Source)
        {
            MessageClass = invitation.MessageClass,
            FlockSeverity = invitation.FlockId is null ? null
                : await db.Flocks.Where(f => f.Id == invitation.FlockId).Select(f => (FlockSeverity?)f.Severity).FirstOrDefaultAsync(cancellationToken),
        };
        return new InvitationDetail(view, invitation.SenderProfileUrl, invitation.AcceptUrl, invitation.Network, reasons, history);
    }

}
