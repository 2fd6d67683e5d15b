using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Settings;
using InviteTriage.Data.Database;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Detection;

/// <summary>
/// Brings other members' flocks up to date after a user's change, set-based: only their campaign counts
/// (CAMPAIGN_COMPANY, CAMPAIGN_SENDER) depend on other members, so their memberships stay, and each flock's two counts
/// are counted again from one read of the flocks and one of the senders' invitations for all of them together. Only
/// flocks whose score or explanation changes are written. Detecting each member's region again instead, in a
/// transaction of its own, made a member's import cost more the more members the instance had (docs/scaling.md).
/// </summary>
internal static class CampaignRescore
{

    /// <summary>
    /// The live flocks of members other than <paramref name="ownerId"/> whose campaign counts the change can move:
    /// of a touched company within 7 days of its stretch, or with a member from one of the senders within 14 days.
    /// </summary>
    public static async Task<List<(long FlockId, string OwnerId)>> ReachedAsync(
        TriageDbContext db, string ownerId, IReadOnlyList<FlockDetectionService.TouchedStretch> touched,
        IReadOnlyList<(string SenderKey, DateTime SentAt)> senders, CancellationToken cancellationToken)
    {
        var reached = new Dictionary<long, string>();
        if (touched.Count > 0)
        {
            // One read for all companies: a rebuild touches thousands of them, and other members' flocks are few.
            var companies = touched.Select(t => t.CompanyKey).Distinct(StringComparer.Ordinal).ToList();
            var from = touched.Min(t => t.From) - FlockDetector.CampaignCompanyReach;
            var to = touched.Max(t => t.To) + FlockDetector.CampaignCompanyReach;
            var live = (await LiveFlocks(db)
                    .Where(f => f.OwnerId != ownerId && companies.Contains(f.CompanyKey) && f.FirstSentAt <= to && f.LastSentAt >= from)
                    .Select(f => new { f.Id, f.OwnerId, f.CompanyKey, f.FirstSentAt, f.LastSentAt })
                    .ToListAsync(cancellationToken))
                .ToLookup(f => f.CompanyKey, StringComparer.Ordinal);
            foreach (var stretch in touched)
            {
                var reachFrom = stretch.From - FlockDetector.CampaignCompanyReach;
                var reachTo = stretch.To + FlockDetector.CampaignCompanyReach;
                foreach (var flock in live[stretch.CompanyKey].Where(f => f.FirstSentAt <= reachTo && f.LastSentAt >= reachFrom))
                {
                    reached.TryAdd(flock.Id, flock.OwnerId);
                }
            }
        }

        if (senders.Count > 0)
        {
            // One read for all senders, through the sender index; each invitation is then matched to its own sender's times.
            var senderKeys = senders.Select(s => s.SenderKey).Distinct(StringComparer.Ordinal).ToList();
            var earliest = senders.Min(s => s.SentAt) - DetectionLoader.CampaignSenderReach;
            var latest = senders.Max(s => s.SentAt) + DetectionLoader.CampaignSenderReach;
            var flocked = await (
                    from invitation in db.Invitations
                    join flock in LiveFlocks(db) on invitation.FlockId equals flock.Id
                    where flock.OwnerId != ownerId && senderKeys.Contains(invitation.SenderKey) && invitation.SentAt >= earliest && invitation.SentAt <= latest
                    select new { invitation.SenderKey, invitation.SentAt, FlockId = flock.Id, flock.OwnerId })
                .ToListAsync(cancellationToken);
            var timesBySender = senders.ToLookup(s => s.SenderKey, s => s.SentAt, StringComparer.Ordinal);
            foreach (var member in flocked.Where(m => timesBySender[m.SenderKey].Any(t => (m.SentAt - t).Duration() <= DetectionLoader.CampaignSenderReach)))
            {
                reached.TryAdd(member.FlockId, member.OwnerId);
            }
        }

        return [.. reached.Select(r => (r.Key, r.Value))];
    }

    /// <summary>
    /// The live flocks of members other than <paramref name="ownerId"/> with a member from a sender of one of
    /// <paramref name="changed"/> within 14 days: those whose CAMPAIGN_SENDER count the changed invitations can move.
    /// For changes too many to list (an import that ends in a rebuild, an undo), so the invitations stay a query and
    /// the store joins them with the sender index, from whichever side <paramref name="manyChanged"/> says is smaller.
    /// </summary>
    public static async Task<List<(long FlockId, string OwnerId)>> ReachedBySendersAsync(
        TriageDbContext db, string ownerId, IQueryable<Invitation> changed, bool manyChanged, CancellationToken cancellationToken)
    {
        // A day beyond the 14, so that the stores' date arithmetic (milliseconds on SQLite) never leaves a member
        // out; a flock reached for nothing is counted again and not written.
        var reachDays = DetectionLoader.CampaignSenderReach.TotalDays + 1;

        // The join walks the smaller side and looks the other up in the sender index. A change past the rebuild
        // threshold (a million-row import) has far more rows than other members have flocked invitations: walking
        // the change took about 9 s at 1M, one index lookup a row (docs/performance.md). A small one, an undo of a
        // few rows, has far fewer.
        var reached = manyChanged
            ? await (
                    from theirs in db.Invitations
                    where theirs.OwnerId != ownerId && theirs.FlockId != null
                    join flock in LiveFlocks(db) on theirs.FlockId equals flock.Id
                    where changed.Any(mine => mine.SenderKey == theirs.SenderKey
                        && mine.SentAt >= theirs.SentAt.AddDays(-reachDays) && mine.SentAt <= theirs.SentAt.AddDays(reachDays))
                    select new { flock.Id, flock.OwnerId })
                .Distinct()
                .ToListAsync(cancellationToken)
            : await (
                    from mine in changed
                    join theirs in db.Invitations on mine.SenderKey equals theirs.SenderKey
                    where theirs.OwnerId != ownerId && theirs.FlockId != null
                        && theirs.SentAt >= mine.SentAt.AddDays(-reachDays) && theirs.SentAt <= mine.SentAt.AddDays(reachDays)
                    join flock in LiveFlocks(db) on theirs.FlockId equals flock.Id
                    select new { flock.Id, flock.OwnerId })
                .Distinct()
                .ToListAsync(cancellationToken);
        return [.. reached.Select(r => (r.Id, r.OwnerId))];
    }

    /// <summary>
    /// Counts the campaign rules of these flocks again, in the caller's transaction and under their owners' detection
    /// locks, and writes those whose score or explanation changed. Returns how many were written.
    /// </summary>
    public static async Task<int> RescoreAsync(TriageDbContext db, IReadOnlyCollection<long> flockIds, DateTime now, CancellationToken cancellationToken)
    {
        var flocks = await LiveFlocks(db).AsNoTracking().Where(f => flockIds.Contains(f.Id)).ToListAsync(cancellationToken);
        if (flocks.Count == 0)
        {
            return 0;
        }

        var owners = flocks.Select(f => f.OwnerId).Distinct(StringComparer.Ordinal).ToList();
        var thresholds = await db.UserSettings
            .Where(s => owners.Contains(s.OwnerId))
            .ToDictionaryAsync(s => s.OwnerId, s => s.LikelyThreshold, StringComparer.Ordinal, cancellationToken);
        var defaultThreshold = new UserSettings { OwnerId = "" }.LikelyThreshold;
        var numbers = new OwnerNumbers();
        var companyMembers = await CampaignCompanyMembersAsync(db, flocks, numbers, cancellationToken);
        var senderMembers = await CampaignSenderMembersAsync(db, flocks, numbers, cancellationToken);

        using var sql = StoreCommands.Of(db);
        var update = sql.Prepare(
            $"""
            UPDATE "Flocks" SET "Score" = @score, "Severity" = @severity, "Reasons" = {sql.Dialect.Json("@reasons")}, "UpdatedAt" = @updatedAt
            WHERE "Id" = @id
            """,
            "@score", "@severity", "@reasons", "@updatedAt", "@id");
        var written = 0;
        foreach (var flock in flocks)
        {
            var scored = FlockScorer.WithCampaign(flock.Reasons, companyMembers[flock.Id], senderMembers.GetValueOrDefault(flock.Id),
                thresholds.GetValueOrDefault(flock.OwnerId, defaultThreshold));
            if (scored.Score != flock.Score || scored.Severity != flock.Severity || !scored.Reasons.SequenceEqual(flock.Reasons))
            {
                await sql.Bind(update, scored.Score, scored.Severity, FlockWriter.ReasonsJson(scored.Reasons), now, flock.Id).ExecuteNonQueryAsync(cancellationToken);
                written++;
            }
        }

        return written;
    }

    /// <summary>For each flock, how many other members the company flocked within 7 days of it, as <see cref="FlockDetector.CountCampaignCompanyMembers"/> counts.</summary>
    private static async Task<Dictionary<long, int>> CampaignCompanyMembersAsync(
        TriageDbContext db, List<Flock> flocks, OwnerNumbers owners, CancellationToken cancellationToken)
    {
        var companies = flocks.Select(f => f.CompanyKey).Distinct(StringComparer.Ordinal).ToList();
        var from = flocks.Min(f => f.FirstSentAt) - FlockDetector.CampaignCompanyReach;
        var to = flocks.Max(f => f.LastSentAt) + FlockDetector.CampaignCompanyReach;
        var live = (await LiveFlocks(db)
                .Where(f => companies.Contains(f.CompanyKey) && f.FirstSentAt <= to && f.LastSentAt >= from)
                .Select(f => new { f.OwnerId, f.CompanyKey, f.FirstSentAt, f.LastSentAt })
                .ToListAsync(cancellationToken))
            .GroupBy(f => f.CompanyKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => (f.FirstSentAt, f.LastSentAt, Owner: owners.Of(f.OwnerId))).ToArray(), StringComparer.Ordinal);

        // A campaign that flocked most of a thousand members makes each of its flocks look at all of the others:
        // plain loops over numbered owners, as a set of names per flock cost more than the reads.
        var seen = new int[owners.Count + 1];
        var round = 0;
        var counts = new Dictionary<long, int>(flocks.Count);
        foreach (var flock in flocks)
        {
            round++;
            var own = owners.Of(flock.OwnerId);
            var reachFrom = flock.FirstSentAt - FlockDetector.CampaignCompanyReach;
            var reachTo = flock.LastSentAt + FlockDetector.CampaignCompanyReach;
            var count = 0;
            foreach (var (first, last, owner) in live.GetValueOrDefault(flock.CompanyKey) ?? [])
            {
                if (first <= reachTo && last >= reachFrom && owner != own && seen[owner] != round)
                {
                    seen[owner] = round;
                    count++;
                }
            }

            counts[flock.Id] = count;
        }

        return counts;
    }

    /// <summary>
    /// For each flock, the most other members one of its members' senders invited within 14 days of that member's
    /// invitation, as <see cref="DetectionLoader.WithScoringFactsAsync"/> counts for each member.
    /// </summary>
    private static async Task<Dictionary<long, int>> CampaignSenderMembersAsync(
        TriageDbContext db, List<Flock> flocks, OwnerNumbers owners, CancellationToken cancellationToken)
    {
        var flockIds = flocks.Select(f => f.Id).ToList();
        var members = await (
                from member in db.FlockMembers
                join invitation in db.Invitations on member.InvitationId equals invitation.Id
                where flockIds.Contains(member.FlockId)
                select new { member.FlockId, invitation.OwnerId, invitation.SenderKey, invitation.SentAt })
            .ToListAsync(cancellationToken);
        if (members.Count == 0)
        {
            return [];
        }

        var senderKeys = members.Select(m => m.SenderKey).Distinct(StringComparer.Ordinal).ToList();
        var from = members.Min(m => m.SentAt) - DetectionLoader.CampaignSenderReach;
        var to = members.Max(m => m.SentAt) + DetectionLoader.CampaignSenderReach;
        var sent = (await db.Invitations
                .Where(i => senderKeys.Contains(i.SenderKey) && i.SentAt >= from && i.SentAt <= to)
                .Select(i => new { i.SenderKey, i.SentAt, i.OwnerId })
                .ToListAsync(cancellationToken))
            .GroupBy(i => i.SenderKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => (i.SentAt, Owner: owners.Of(i.OwnerId))).OrderBy(i => i.SentAt).ToArray(), StringComparer.Ordinal);

        // Each sender's members in time order, against a window of ±14 days sliding along the sender's invitations
        // that holds how many of them each member received: the distinct members in it, less the member's own.
        var inWindow = new int[owners.Count + 1];
        var most = new Dictionary<long, int>(flocks.Count);
        foreach (var sender in members.GroupBy(m => m.SenderKey, StringComparer.Ordinal))
        {
            var invitations = sent.GetValueOrDefault(sender.Key) ?? [];
            var (low, high, distinct) = (0, 0, 0);
            foreach (var member in sender.OrderBy(m => m.SentAt))
            {
                for (; high < invitations.Length && invitations[high].SentAt <= member.SentAt + DetectionLoader.CampaignSenderReach; high++)
                {
                    distinct += inWindow[invitations[high].Owner]++ == 0 ? 1 : 0;
                }

                for (; low < high && invitations[low].SentAt < member.SentAt - DetectionLoader.CampaignSenderReach; low++)
                {
                    distinct -= --inWindow[invitations[low].Owner] == 0 ? 1 : 0;
                }

                var own = owners.Of(member.OwnerId);
                var others = distinct - (own < inWindow.Length && inWindow[own] > 0 ? 1 : 0);
                most[member.FlockId] = Math.Max(most.GetValueOrDefault(member.FlockId), others);
            }

            for (; low < high; low++)
            {
                inWindow[invitations[low].Owner]--;
            }
        }

        return most;
    }

    private static IQueryable<Flock> LiveFlocks(TriageDbContext db) =>
        db.Flocks.Where(f => f.Status == FlockStatus.Open || f.Status == FlockStatus.Resolved);

    /// <summary>Members numbered 0, 1, 2… as they are first seen, so that counting them needs arrays instead of sets of names.</summary>
    private sealed class OwnerNumbers
    {
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);

        public int Count => _numbers.Count;

        public int Of(string ownerId) => _numbers.TryGetValue(ownerId, out var number) ? number : _numbers[ownerId] = _numbers.Count;
    }
}
