using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
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
        var companyMembers = await CampaignCompanyMembersAsync(db, flocks, cancellationToken);
        var senderMembers = await CampaignSenderMembersAsync(db, flocks, cancellationToken);

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
    private static async Task<Dictionary<long, int>> CampaignCompanyMembersAsync(TriageDbContext db, List<Flock> flocks, CancellationToken cancellationToken)
    {
        var companies = flocks.Select(f => f.CompanyKey).Distinct(StringComparer.Ordinal).ToList();
        var from = flocks.Min(f => f.FirstSentAt) - FlockDetector.CampaignCompanyReach;
        var to = flocks.Max(f => f.LastSentAt) + FlockDetector.CampaignCompanyReach;
        var live = (await LiveFlocks(db)
                .Where(f => companies.Contains(f.CompanyKey) && f.FirstSentAt <= to && f.LastSentAt >= from)
                .Select(f => new { f.OwnerId, f.CompanyKey, f.FirstSentAt, f.LastSentAt })
                .ToListAsync(cancellationToken))
            .ToLookup(f => f.CompanyKey, StringComparer.Ordinal);
        var distinct = new DistinctOwners();
        return flocks.ToDictionary(
            f => f.Id,
            f => distinct.Count(
                live[f.CompanyKey].Where(p => p.FirstSentAt <= f.LastSentAt + FlockDetector.CampaignCompanyReach && p.LastSentAt >= f.FirstSentAt - FlockDetector.CampaignCompanyReach)
                    .Select(p => p.OwnerId),
                except: f.OwnerId));
    }

    /// <summary>
    /// For each flock, the most other members one of its members' senders invited within 14 days of that member's
    /// invitation, as <see cref="DetectionLoader.WithScoringFactsAsync"/> counts for each member.
    /// </summary>
    private static async Task<Dictionary<long, int>> CampaignSenderMembersAsync(TriageDbContext db, List<Flock> flocks, CancellationToken cancellationToken)
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
            .ToDictionary(g => g.Key, g => g.OrderBy(i => i.SentAt).ToList(), StringComparer.Ordinal);

        var distinct = new DistinctOwners();
        var most = new Dictionary<long, int>();
        foreach (var member in members)
        {
            var bySender = sent.GetValueOrDefault(member.SenderKey) ?? [];
            var windowFrom = member.SentAt - DetectionLoader.CampaignSenderReach;
            var windowTo = member.SentAt + DetectionLoader.CampaignSenderReach;
            var first = LowerBound(bySender.Count, i => bySender[i].SentAt >= windowFrom);
            var count = distinct.Count(bySender.Skip(first).TakeWhile(i => i.SentAt <= windowTo).Select(i => i.OwnerId), except: member.OwnerId);
            most[member.FlockId] = Math.Max(most.GetValueOrDefault(member.FlockId), count);
        }

        return most;
    }

    // The first index at which the predicate, false then true along a sorted list, holds.
    private static int LowerBound(int count, Func<int, bool> atOrAfter)
    {
        var (low, high) = (0, count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            (low, high) = atOrAfter(middle) ? (low, middle) : (middle + 1, high);
        }

        return low;
    }

    private static IQueryable<Flock> LiveFlocks(TriageDbContext db) =>
        db.Flocks.Where(f => f.Status == FlockStatus.Open || f.Status == FlockStatus.Resolved);

    /// <summary>Counts distinct owners without a set per count: a campaign reaching most of a thousand members makes millions of these.</summary>
    private sealed class DistinctOwners
    {
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
        private int[] _seen = new int[64];
        private int _round;

        public int Count(IEnumerable<string> owners, string except)
        {
            _round++;
            var count = 0;
            foreach (var owner in owners)
            {
                if (string.Equals(owner, except, StringComparison.Ordinal))
                {
                    continue;
                }

                if (!_numbers.TryGetValue(owner, out var number))
                {
                    _numbers[owner] = number = _numbers.Count;
                    if (number >= _seen.Length)
                    {
                        Array.Resize(ref _seen, _seen.Length * 2);
                    }
                }

                if (_seen[number] != _round)
                {
                    _seen[number] = _round;
                    count++;
                }
            }

            return count;
        }
    }
}
