using System.Runtime.CompilerServices;
using System.Data.Common;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Database;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Detection;

/// <summary>Reads what detection needs for one user, always through indexes and never the whole store.</summary>
internal sealed class DetectionLoader(TriageDbContext db, string ownerId)
{
    public static readonly TimeSpan CampaignSenderReach = TimeSpan.FromDays(14);

    // The reads every arrival makes are compiled once: EF Core's per-query work of finding a LINQ query in its cache
    // (evaluating its closures, hashing and comparing the expression tree) cost as much as running these small
    // indexed statements.
    private static readonly CompiledPerModel<Func<TriageDbContext, string, CancellationToken, Task<Edges?>>> Coverage = new(() =>
        EF.CompileAsyncQuery((TriageDbContext db, string owner, CancellationToken _) => db.Invitations
            .Where(i => i.OwnerId == owner)
            .Select(_ => new Edges(
                db.Invitations.Where(i => i.OwnerId == owner).OrderBy(i => i.SentAt).Select(i => i.SentAt).First(),
                db.Invitations.Where(i => i.OwnerId == owner).OrderByDescending(i => i.SentAt).Select(i => i.SentAt).First()))
            .FirstOrDefault()));

    private static readonly CompiledPerModel<Func<TriageDbContext, string, List<string>, DateTime, DateTime, IAsyncEnumerable<DetectionRow>>> CompanyRows = new(() =>
        EF.CompileAsyncQuery((TriageDbContext db, string owner, List<string> companyKeys, DateTime from, DateTime to) => db.Invitations
            .Where(i => i.OwnerId == owner && companyKeys.Contains(i.CompanyKey!) && i.SentAt >= from && i.SentAt <= to)
            .OrderBy(i => i.CompanyKey).ThenBy(i => i.SentAt).ThenBy(i => i.Id)
            .Select(i => new DetectionRow(i.Id, i.CompanyKey!, i.SenderKey, i.SentAt, i.MessageClass, i.Company, i.SenderName, i.Status, i.FlockId))));

    private static readonly CompiledPerModel<Func<TriageDbContext, string, IAsyncEnumerable<(long InvitationId, long FlockId)>>> Dismissed = new(() =>
        EF.CompileAsyncQuery((TriageDbContext db, string owner) =>
            from member in db.FlockMembers
            join flock in db.Flocks on member.FlockId equals flock.Id
            where flock.OwnerId == owner && flock.Status == FlockStatus.Dismissed
            select new ValueTuple<long, long>(member.InvitationId, member.FlockId)));

    private static readonly CompiledPerModel<Func<TriageDbContext, string, List<string>, IAsyncEnumerable<string>>> KnownCompanies = new(() =>
        EF.CompileAsyncQuery((TriageDbContext db, string owner, List<string> companyKeys) => db.KnownContacts
            .Where(c => c.OwnerId == owner && c.CompanyKey != null && companyKeys.Contains(c.CompanyKey))
            .Select(c => c.CompanyKey!)
            .Distinct()));

    /// <summary>
    /// The user's first and last invitation in one statement: two seeks of the timeline index as subqueries, because
    /// MIN and MAX together would make SQLite walk the user's whole range.
    /// </summary>
    public async Task<DataCoverage?> CoverageAsync(CancellationToken cancellationToken) =>
        await Coverage.For(db)(db, ownerId, cancellationToken) is { } edges ? DataCoverage.Spanning(edges.Earliest, edges.Latest) : null;

    /// <summary>Some companies' invitations in [from, to], in (company, walk) order.</summary>
    public async Task<List<DetectionRow>> CompanyRowsAsync(IReadOnlyCollection<string> companyKeys, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var rows = new List<DetectionRow>();
        await foreach (var row in CompanyRows.For(db)(db, ownerId, [.. companyKeys], from, to).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// The rebuild's next block: all invitations of the companies after <paramref name="afterCompanyKey"/> in key
    /// order (from the first company when null), whole companies of at least <paramref name="rows"/> invitations
    /// together unless the user has no more, in (company, walk) order; empty after the last company. Paging by
    /// key needs no count of each company first, which cost a fifth of a rebuild.
    /// </summary>
    /// <remarks>Outside a transaction it reads what is committed, as <see cref="RebuildReader"/> does on a connection of its own.</remarks>
    public async Task<List<DetectionRow>> NextCompaniesAsync(string? afterCompanyKey, int rows, CancellationToken cancellationToken)
    {
        using var sql = await StoreCommands.ReadingAsync(db, cancellationToken);
        var block = new RowReader();
        var first = afterCompanyKey is null
            ? sql.Bind(sql.Prepare(RowsWhere("\"CompanyKey\" IS NOT NULL") + " LIMIT @rows", "@owner", "@rows"), ownerId, rows)
            : sql.Bind(sql.Prepare(RowsWhere("\"CompanyKey\" > @after") + " LIMIT @rows", "@owner", "@after", "@rows"), ownerId, afterCompanyKey, rows);
        await block.ReadAsync(first, cancellationToken);
        if (block.Rows.Count < rows)
        {
            return block.Rows;
        }

        // The limit cut into the last company, or ended it exactly: the rest of it, after the last row read.
        var last = block.Rows[^1];
        var rest = sql.Bind(sql.Prepare(RowsWhere("\"CompanyKey\" = @company AND \"SentAt\" >= @sentAt"), "@owner", "@company", "@sentAt"), ownerId, last.CompanyKey, last.SentAt);
        await block.ReadAsync(rest, cancellationToken, after: last);
        return block.Rows;
    }

    /// <summary>Every block of <see cref="NextCompaniesAsync"/>, in company order.</summary>
    public async IAsyncEnumerable<List<DetectionRow>> CompanyBlocksAsync(int rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (await NextCompaniesAsync(after, rows, cancellationToken) is { Count: > 0 } block)
        {
            yield return block;
            after = block[^1].CompanyKey;
        }
    }

    private static string RowsWhere(string companies) =>
        $"""
        SELECT "Id", "CompanyKey", "SenderKey", "SentAt", "MessageClass", "Company", "SenderName", "Status", "FlockId"
        FROM "Invitations"
        WHERE "OwnerId" = @owner AND {companies}
        ORDER BY "CompanyKey", "SentAt", "Id"
        """;

    /// <summary>Rows in walk order. A large employer's rows repeat its key and name a hundred thousand times; one copy of each keeps a rebuild's memory flat.</summary>
    private sealed class RowReader
    {
        private readonly Dictionary<string, string> _shared = new(StringComparer.Ordinal);

        public List<DetectionRow> Rows { get; } = [];

        /// <summary>Adds the rows the command reads, skipping those at or before <paramref name="after"/> in walk order.</summary>
        public async Task ReadAsync(DbCommand command, CancellationToken cancellationToken, DetectionRow? after = null)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var sentAt = StoreCommands.Time(reader, 3);
                var id = reader.GetInt64(0);
                if (after is not null && (sentAt, id).CompareTo((after.SentAt, after.Id)) <= 0)
                {
                    continue;
                }

                Rows.Add(new DetectionRow(
                    id,
                    Shared(reader.GetString(1)),
                    reader.GetString(2),
                    sentAt,
                    (MessageClass)reader.GetInt32(4),
                    StoreCommands.TextOrNull(reader, 5) is { } company ? Shared(company) : null,
                    reader.GetString(6),
                    (InvitationStatus)reader.GetInt32(7),
                    StoreCommands.LongOrNull(reader, 8)));
            }
        }

        private string Shared(string text) => _shared.TryGetValue(text, out var kept) ? kept : _shared[text] = text;
    }

    /// <summary>
    /// The companies that could have a candidate (at least <paramref name="minSenders"/> distinct senders) in
    /// [from, to], for a user whose candidates are not stored yet. A change of the data's coverage alters only
    /// candidates' baselines, and a company with fewer senders in the whole stretch has none there.
    /// </summary>
    public Task<List<string>> CandidateCompaniesBetweenAsync(DateTime from, DateTime to, int minSenders, CancellationToken cancellationToken) =>
        db.Invitations
            .Where(i => i.OwnerId == ownerId && i.CompanyKey != null && i.SentAt >= from && i.SentAt <= to)
            .GroupBy(i => i.CompanyKey!)
            .Where(company => company.Select(i => i.SenderKey).Distinct().Count() >= minSenders)
            .Select(company => company.Key)
            .ToListAsync(cancellationToken);

    /// <summary>Whether the user's candidates are stored: set by the user's first rebuild since candidates were kept.</summary>
    public Task<bool> CandidatesStoredAsync(CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == ownerId && u.FlockCandidatesStored, cancellationToken);

    /// <summary>
    /// The stored candidates, of every company, that reach into [from, to]. A candidate spans at most
    /// <paramref name="span"/>, so its first invitation is no earlier than that before <paramref name="from"/>.
    /// </summary>
    public Task<List<FlockCandidate>> CandidatesNearAsync(DateTime from, DateTime to, TimeSpan span, CancellationToken cancellationToken)
    {
        var firstFrom = from - span;
        return db.FlockCandidates
            .AsNoTracking()
            .Where(c => c.OwnerId == ownerId && c.FirstSentAt >= firstFrom && c.FirstSentAt <= to && c.LastSentAt >= from)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The user's open and resolved flocks that reach into [from, to], of every company; like candidates, they span at most S.</summary>
    public Task<List<Flock>> LiveFlocksNearAsync(DateTime from, DateTime to, TimeSpan span, CancellationToken cancellationToken)
    {
        var firstFrom = from - span;
        return db.Flocks
            .AsNoTracking()
            .Where(f => f.OwnerId == ownerId && f.FirstSentAt >= firstFrom && f.FirstSentAt <= to && f.LastSentAt >= from
                && (f.Status == FlockStatus.Open || f.Status == FlockStatus.Resolved))
            .ToListAsync(cancellationToken);
    }

    /// <summary>For every invitation that was in a dismissed flock, the ids of those flocks. Dismissals are few.</summary>
    public async Task<Dictionary<long, long[]>> DismissedMembershipsAsync(CancellationToken cancellationToken)
    {
        var pairs = new List<(long InvitationId, long FlockId)>();
        await foreach (var pair in Dismissed.For(db)(db, ownerId).WithCancellation(cancellationToken))
        {
            pairs.Add(pair);
        }

        return pairs.GroupBy(p => p.InvitationId).ToDictionary(g => g.Key, g => g.Select(p => p.FlockId).Order().ToArray());
    }

    public async Task<HashSet<string>> KnownCompanyKeysAsync(IReadOnlyCollection<string> companyKeys, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var key in KnownCompanies.For(db)(db, ownerId, [.. companyKeys]).WithCancellation(cancellationToken))
        {
            known.Add(key);
        }

        return known;
    }

    /// <summary>Other members' live flocks of these companies near a stretch of time (CAMPAIGN_COMPANY); the owner is an opaque key.</summary>
    public async Task<List<PeerFlock>> PeerFlocksAsync(IReadOnlyCollection<string> companyKeys, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var reachFrom = from - FlockDetector.CampaignCompanyReach;
        var reachTo = to + FlockDetector.CampaignCompanyReach;
        return await db.Flocks
            .Where(f => companyKeys.Contains(f.CompanyKey) && f.OwnerId != ownerId
                && (f.Status == FlockStatus.Open || f.Status == FlockStatus.Resolved)
                && f.FirstSentAt <= reachTo && f.LastSentAt >= reachFrom)
            .Select(f => new PeerFlock(f.OwnerId, f.CompanyKey, f.FirstSentAt, f.LastSentAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Adds what scoring needs to the members of flocks: whether the sender invited this user before without being
    /// accepted (REPEAT_INVITE), and how many other members the sender invited within ±14 days (CAMPAIGN_SENDER).
    /// </summary>
    public async Task<IReadOnlyList<DetectionInvitation>> WithScoringFactsAsync(IReadOnlyList<DetectionInvitation> members, CancellationToken cancellationToken)
    {
        if (members.Count == 0)
        {
            return members;
        }

        var senderKeys = members.Select(m => m.SenderKey).Distinct(StringComparer.Ordinal).ToList();
        var from = members.Min(m => m.SentAt) - CampaignSenderReach;
        var to = members.Max(m => m.SentAt) + CampaignSenderReach;

        // REPEAT_INVITE: the user's own invitations from these senders, at any time, through the sender index, which
        // holds the owner; an owner index would walk all of the user's invitations instead.
        var earlierBySender = (await db.Invitations
                .Where(i => senderKeys.Contains(i.SenderKey) && TriageDbContext.Unindexed(i.OwnerId) == ownerId && i.Status != InvitationStatus.Accepted)
                .Select(i => new { i.Id, i.SenderKey, i.SentAt })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.SenderKey, StringComparer.Ordinal);

        // CAMPAIGN_SENDER: other members' invitations from these senders near the members, counted by the store, one
        // row per sender. A campaign sender's invitations are read again for each member it reached, and read as rows
        // they were most of a rebuild of everyone (docs/performance.md). When a sender's invitations and this user's
        // members from it all lie within 14 days of each other, as a campaign's do, every one of those members counts
        // the sender's members; only senders spread wider are read as rows, to count each member's own window.
        var spans = (await db.Invitations
                .Where(i => senderKeys.Contains(i.SenderKey) && i.SentAt >= from && i.SentAt <= to && i.OwnerId != ownerId)
                .GroupBy(i => i.SenderKey)
                .Select(g => new { SenderKey = g.Key, First = g.Min(i => i.SentAt), Last = g.Max(i => i.SentAt), Members = g.Select(i => i.OwnerId).Distinct().Count() })
                .ToListAsync(cancellationToken))
            .ToDictionary(s => s.SenderKey, StringComparer.Ordinal);
        var spread = members
            .GroupBy(m => m.SenderKey, StringComparer.Ordinal)
            .Where(sender => spans.TryGetValue(sender.Key, out var span)
                && Later(span.Last, sender.Max(m => m.SentAt)) - Earlier(span.First, sender.Min(m => m.SentAt)) > CampaignSenderReach)
            .Select(sender => sender.Key)
            .ToList();
        var elsewhereBySender = spread.Count == 0
            ? Enumerable.Empty<(string SenderKey, DateTime SentAt, string OwnerId)>().ToLookup(e => e.SenderKey, StringComparer.Ordinal)
            : (await db.Invitations
                    .Where(i => spread.Contains(i.SenderKey) && i.SentAt >= from && i.SentAt <= to && i.OwnerId != ownerId)
                    .Select(i => new { i.SenderKey, i.SentAt, i.OwnerId })
                    .ToListAsync(cancellationToken))
                .Select(e => (e.SenderKey, e.SentAt, e.OwnerId))
                .ToLookup(e => e.SenderKey, StringComparer.Ordinal);
        var spreadKeys = spread.ToHashSet(StringComparer.Ordinal);
        return members
            .Select(member => member with
            {
                IsRepeatInvite = earlierBySender[member.SenderKey].Any(e => e.Id != member.Id && e.SentAt < member.SentAt),
                OtherMembersInvitedBySender = !spreadKeys.Contains(member.SenderKey)
                    ? spans.TryGetValue(member.SenderKey, out var span) ? span.Members : 0
                    : elsewhereBySender[member.SenderKey]
                        .Where(e => (e.SentAt - member.SentAt).Duration() <= CampaignSenderReach)
                        .Select(e => e.OwnerId)
                        .Distinct(StringComparer.Ordinal)
                        .Count(),
            })
            .ToList();
    }

    private static DateTime Earlier(DateTime a, DateTime b) => a <= b ? a : b;

    private static DateTime Later(DateTime a, DateTime b) => a >= b ? a : b;

    /// <summary>The user's first and last invitation times.</summary>
    private sealed record Edges(DateTime Earliest, DateTime Latest);
}
