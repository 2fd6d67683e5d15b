using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Database;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Invitations;

/// <summary>Read-side queries over one owner's invitations. Every query is filtered by owner.</summary>
public sealed class InvitationQueries(IDbContextFactory<TriageDbContext> dbFactory)
{
    /// <summary>
    /// One page of the invitations a filter matches, and how many it matches. A caller that knows the total already
    /// passes it as <c>knownTotal</c> (the inbox has it from its tab counts). Otherwise a filter that only picks a tab
    /// reads its total from the tallies the store keeps (<see cref="InvitationTally"/>), a page that is not full ends
    /// the list and so gives it, and only a full page of any other filter counts its matches.
    /// </summary>
    public Task<Page<InvitationView>> ListAsync(string ownerId, InvitationFilter filter, CancellationToken cancellationToken) =>
        ListAsync(ownerId, filter, knownTotal: null, cancellationToken);

    public async Task<Page<InvitationView>> ListAsync(string ownerId, InvitationFilter filter, int? knownTotal, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var aliased = await AliasedKeysAsync(db, ownerId, filter, cancellationToken);
        var queries = PageQueries(db, ownerId, filter, aliased);
        var total = knownTotal ?? (TallyQuery(db, ownerId, filter) is { } tallies ? await tallies.SumAsync(cancellationToken) : null);

        var pageSize = Math.Clamp(filter.PageSize, 1, InvitationFilter.MaxPageSize);
        var offset = (Math.Max(filter.Page, 1) - 1) * pageSize;
        if (filter.Sort != InvitationSort.Company && (CompanyKey.Normalize(filter.Company) is not null || SearchCandidates(db, filter) is not null))
        {
            // A company prefix's or a search's page comes from the company index or the search index, and then sorts
            // all their m matches, or from the order's index, read until the page ends: about (offset + page) × n / m
            // of the member's n rows. The cheaper one is chosen by the count, which the total needs anyway.
            total ??= await queries.Matching.CountAsync(cancellationToken);
            var rows = await db.InvitationTallies.Where(t => t.OwnerId == ownerId).SumAsync(t => t.Count, cancellationToken);
            if ((long)total.Value * total.Value > (long)(offset + pageSize) * rows)
            {
                queries = PageQueries(db, ownerId, filter, aliased, inOrder: true);
            }
        }

        var items = await Views(db, queries.Ordered.Skip(offset).Take(pageSize)).ToListAsync(cancellationToken);
        if (queries.CompanyLess is { } companyLess && items.Count < pageSize)
        {
            // The invitations with a company have run out, and those without one follow them. Where this page starts
            // among those follows from how many have a company: all before this page's first row when it has one, else
            // the total less the company-less, which are few.
            var withCompany = items.Count > 0
                ? offset + items.Count
                : (total ??= await queries.Matching.CountAsync(cancellationToken)) - await companyLess.CountAsync(cancellationToken);
            items.AddRange(await Views(db, companyLess.Skip(Math.Max(0, offset - withCompany)).Take(pageSize - items.Count)).ToListAsync(cancellationToken));
        }

        total ??= items.Count < pageSize && (items.Count > 0 || offset == 0)
            ? offset + items.Count
            : await queries.Matching.CountAsync(cancellationToken);
        return new Page<InvitationView>(items, total.Value);
    }

    /// <summary>
    /// The sender's earlier invitations that were not accepted, through the sender's index: with the owner's index,
    /// which SQLite's planner ranks the same, it walked every earlier invitation of the member (45 ms at 100k).
    /// </summary>
    internal static IQueryable<Invitation> RepeatQuery(TriageDbContext db, string ownerId, string senderKey, DateTime sentAt) =>
        db.Invitations.Where(i => i.SenderKey == senderKey && TriageDbContext.Unindexed(i.OwnerId) == ownerId && i.SentAt < sentAt && i.Status != InvitationStatus.Accepted);

    private static IQueryable<InvitationView> Views(TriageDbContext db, IQueryable<Invitation> page) =>
        page.Select(i => new InvitationView(
            i.Id, i.ExternalId, i.SenderName, i.SenderHeadline, i.Company, i.CompanyKey,
            i.SentAt, i.Message, i.Status, i.FlockId, i.Source)
        {
            MessageClass = i.MessageClass,
            FlockSeverity = db.Flocks.Where(f => f.Id == i.FlockId).Select(f => (FlockSeverity?)f.Severity).FirstOrDefault(),
        });

    /// <summary>
    /// The invitations a filter matches (for the total), the same in the filter's order, and, when sorting by company,
    /// those without one, which come after the others in either direction. Separate from <c>ListAsync</c> so that a test
    /// can check the store answers each through an index; <paramref name="aliasedKeys"/> is <see cref="AliasedKeysAsync"/>'s.
    /// With <paramref name="inOrder"/>, the page of a company filter or a search is read in its order's index, not the
    /// company's or the search's.
    /// </summary>
    internal static InboxQueries PageQueries(TriageDbContext db, string ownerId, InvitationFilter filter, IReadOnlyList<string>? aliasedKeys = null, bool inOrder = false)
    {
        var query = Tabbed(Filtered(db, ownerId, filter, aliasedKeys ?? []), filter);
        if (filter.Sort != InvitationSort.Company)
        {
            var ordered = inOrder ? Tabbed(Filtered(db, ownerId, filter, aliasedKeys ?? [], inOrder: true), filter) : query;
            return new InboxQueries(query, Sorted(ordered, filter), CompanyLess: null);
        }

        // Company keys have no NULL in an index order that both stores share (SQLite sorts NULL first, PostgreSQL
        // last), so the invitations without a company are read as a second run of their own, newest or oldest first.
        var companyLess = string.IsNullOrWhiteSpace(filter.Company)
            ? query.Where(i => i.CompanyKey == null).OrderBy(i => i.SentAt, filter.Descending).ThenBy(i => i.Id, filter.Descending)
            : null;
        return new InboxQueries(query, Sorted(query.Where(i => i.CompanyKey != null), filter), companyLess);
    }

    private static IQueryable<Invitation> Tabbed(IQueryable<Invitation> query, InvitationFilter filter)
    {
        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        return filter.InFlock ? query.Where(i => i.FlockId != null) : query;
    }

    /// <summary>
    /// The sum of the tallies that hold a filter's total, when the filter only picks a tab (a status, flocked or not);
    /// null when it has other conditions, which only a count can answer.
    /// </summary>
    internal static IQueryable<int>? TallyQuery(TriageDbContext db, string ownerId, InvitationFilter filter)
    {
        if (Narrows(filter))
        {
            return null;
        }

        var tallies = db.InvitationTallies.Where(t => t.OwnerId == ownerId);
        if (filter.Status is { } status)
        {
            tallies = tallies.Where(t => t.Status == status);
        }

        if (filter.InFlock)
        {
            tallies = tallies.Where(t => t.InFlock);
        }

        return tallies.Select(t => t.Count);
    }

    /// <summary>
    /// How many invitations each inbox tab holds under the filter's other conditions (its status and flock-only flag,
    /// which pick the tab, are ignored), so that the tabs' counts agree with what each tab lists. Without other
    /// conditions they are the owner's tallies.
    /// </summary>
    public async Task<InboxCounts> CountAsync(string ownerId, InvitationFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!Narrows(filter))
        {
            var tallies = await db.InvitationTallies.AsNoTracking().Where(t => t.OwnerId == ownerId).ToListAsync(cancellationToken);
            int Of(InvitationStatus status) => tallies.Where(t => t.Status == status).Sum(t => t.Count);
            return new InboxCounts(
                Of(InvitationStatus.Pending),
                tallies.Where(t => t.Status == InvitationStatus.Pending && t.InFlock).Sum(t => t.Count),
                Of(InvitationStatus.Accepted),
                Of(InvitationStatus.Archived),
                Of(InvitationStatus.NotKnown),
                tallies.Sum(t => t.Count));
        }

        var aliased = await AliasedKeysAsync(db, ownerId, filter, cancellationToken);
        var (statuses, flockedPerFlock) = CountQueries(db, ownerId, filter, aliased);
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
    internal static (IQueryable<InvitationStatus> Statuses, IQueryable<int> FlockedPerFlock) CountQueries(
        TriageDbContext db, string ownerId, InvitationFilter filter, IReadOnlyList<string>? aliasedKeys = null)
    {
        // Driven from the owner's flocks, one count per flock through the FlockId index: flocked invitations are few,
        // pending ones are not. The inner count names no owner, because a flock's members are its owner's; with the
        // owner named, SQLite may prefer the owner's index and walk every pending invitation once per flock.
        var members = Narrowed(db, db.Invitations.AsNoTracking(), filter, aliasedKeys ?? []);
        var flocked = db.Flocks
            .Where(f => f.OwnerId == ownerId && (f.Status == FlockStatus.Open || f.Status == FlockStatus.Resolved))
            .Select(f => members.Count(i => i.FlockId == f.Id && i.Status == InvitationStatus.Pending));
        return (Filtered(db, ownerId, filter, aliasedKeys ?? []).Select(i => i.Status), flocked);
    }

    /// <summary>Whether the user has any invitation at all, which decides between the inbox and its empty state.</summary>
    public async Task<bool> AnyAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Invitations.AnyAsync(i => i.OwnerId == ownerId, cancellationToken);
    }

    /// <summary>Whether the filter has a condition beyond those that pick an inbox tab.</summary>
    private static bool Narrows(InvitationFilter filter) =>
        filter.FlockId is not null || filter.Severity is not null || filter.Source is not null || filter.From is not null || filter.To is not null
        || !string.IsNullOrWhiteSpace(filter.Company) || !string.IsNullOrWhiteSpace(filter.Search);

    /// <summary>
    /// The companies that the user merged a company into (aliases) whose merged-away key starts with what the company
    /// filter asks for: their invitations carry the kept company's key now, and still match the name they came with.
    /// </summary>
    internal static async Task<IReadOnlyList<string>> AliasedKeysAsync(TriageDbContext db, string ownerId, InvitationFilter filter, CancellationToken cancellationToken)
    {
        if (CompanyKey.Normalize(filter.Company) is not { } key)
        {
            return [];
        }

        var pattern = StoreDialect.Of(db).KeyPrefix(key);
        return await db.CompanyAliases.AsNoTracking()
            .Where(a => a.OwnerId == ownerId && TriageDbContext.StartsWithKey(a.AliasKey, pattern))
            .Select(a => a.CanonicalKey).Distinct()
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every condition of the filter but those that pick an inbox tab, which the tab counts group by instead.</summary>
    private static IQueryable<Invitation> Filtered(TriageDbContext db, string ownerId, InvitationFilter filter, IReadOnlyList<string> aliasedKeys, bool inOrder = false)
    {
        // A search the store's full-text index can answer drives the query from the index's matches, which are fewer
        // than the owner's rows: SQLite, which keeps no statistics, would otherwise walk the owner's index and look
        // every row up among them. Narrowed's LIKE then decides which of them match. A page read in its order's index
        // needs no index of the search: its LIKE stops with the page.
        var invitations = db.Invitations.AsNoTracking();
        var owned = inOrder || SearchCandidates(db, filter) is not { } candidates
            ? invitations.Where(i => i.OwnerId == ownerId)
            : invitations.Where(i => candidates.Contains(i.Id) && TriageDbContext.Unindexed(i.OwnerId) == ownerId);
        return Narrowed(db, owned, filter, aliasedKeys, companyIndexed: !inOrder);
    }

    private static IQueryable<long>? SearchCandidates(TriageDbContext db, InvitationFilter filter) =>
        string.IsNullOrWhiteSpace(filter.Search) ? null : StoreDialect.Of(db).SearchCandidates(db, filter.Search);

    private static IQueryable<Invitation> Narrowed(TriageDbContext db, IQueryable<Invitation> query, InvitationFilter filter, IReadOnlyList<string> aliasedKeys, bool companyIndexed = true)
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
            // The company as the detector groups it (README, "The company filter matches keys"): what the user typed is
            // normalised like every company, and matches the keys it begins, through the owner's company index.
            if (CompanyKey.Normalize(filter.Company) is { } key)
            {
                var pattern = StoreDialect.Of(db).KeyPrefix(key);
                query = (aliasedKeys.Count == 0, companyIndexed) switch
                {
                    (true, true) => query.Where(i => TriageDbContext.StartsWithKey(i.CompanyKey, pattern)),
                    (true, false) => query.Where(i => TriageDbContext.StartsWithKeyUnindexed(i.CompanyKey, pattern)),
                    (false, true) => query.Where(i => TriageDbContext.StartsWithKey(i.CompanyKey, pattern) || aliasedKeys.Contains(i.CompanyKey!)),
                    (false, false) => query.Where(i => TriageDbContext.StartsWithKeyUnindexed(i.CompanyKey, pattern) || aliasedKeys.Contains(i.CompanyKey!)),
                };
            }
            else
            {
                query = query.Where(i => false);
            }
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
    private static IOrderedQueryable<Invitation> Sorted(IQueryable<Invitation> query, InvitationFilter filter) => filter.Sort switch
    {
        InvitationSort.Sender => query.OrderBy(i => i.SenderNameKey, filter.Descending).ThenBy(i => i.SentAt, filter.Descending).ThenBy(i => i.Id, filter.Descending),
        InvitationSort.Company => query.OrderBy(i => i.CompanyKey, filter.Descending).ThenBy(i => i.SentAt, filter.Descending).ThenBy(i => i.Id, filter.Descending),
        InvitationSort.Status => query.OrderBy(i => i.Status, filter.Descending).ThenBy(i => i.SentAt, filter.Descending).ThenBy(i => i.Id, filter.Descending),
        _ => query.OrderBy(i => i.SentAt, filter.Descending).ThenBy(i => i.Id, filter.Descending),
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
            var isRepeat = await RepeatQuery(db, ownerId, invitation.SenderKey, invitation.SentAt).AnyAsync(cancellationToken);
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
