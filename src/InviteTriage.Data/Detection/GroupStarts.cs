using InviteTriage.Core.Detection;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Detection;

/// <summary>
/// Where the walk's groups are known to begin: the first invitations of a company's stored candidates. A large
/// employer that invites every day has one gap-chain for years, and the walk decides its groups from the chain's
/// start; but the walk from any group's first invitation finds the same groups from there on. So the incremental
/// path can detect a stretch of such a chain between two known starts instead of the whole chain:
/// <list type="bullet">
/// <item>before the region, any known start: every change lies inside the region, after it, and the walk up to it is
/// the same as before the change;</item>
/// <item>after the region, a known start where the new walk from the first one begins a group too: from a common group
/// start on, the same invitations make the same groups, so nothing after it changes. Its candidates' baselines do not
/// either, because the region reaches 90 days past every change.</item>
/// </list>
/// A start is known only when no other invitation of the company was sent at the same moment, so that the candidate's
/// first time names one invitation. The stored candidates are what a rebuild stores (DETECTION.md's invariant), so
/// they are group starts of the data before the change; a user whose candidates are not stored yet has none.
/// </summary>
internal sealed class GroupStarts
{
    private static readonly TimeSpan BaselineReach = TimeSpan.FromDays(SurpriseTest.BaselineDays);

    private readonly Dictionary<string, HashSet<DateTime>> _byCompany;
    private readonly IReadOnlyDictionary<long, long[]> _dismissed;

    private GroupStarts(Dictionary<string, HashSet<DateTime>> byCompany, IReadOnlyDictionary<long, long[]> dismissed) =>
        (_byCompany, _dismissed) = (byCompany, dismissed);

    /// <summary>The first times of the stored candidates of some companies in [from, to], through the candidates' (owner, company, first) index.</summary>
    public static async Task<GroupStarts> ReadAsync(
        TriageDbContext db, DetectionLoader loader, string ownerId, IReadOnlyCollection<string> companyKeys, DateTime from, DateTime to,
        IReadOnlyDictionary<long, long[]> dismissed, CancellationToken cancellationToken)
    {
        var byCompany = new Dictionary<string, HashSet<DateTime>>(StringComparer.Ordinal);
        if (!await loader.CandidatesStoredAsync(cancellationToken))
        {
            return new GroupStarts(byCompany, dismissed);
        }

        var firsts = await db.FlockCandidates
            .Where(c => c.OwnerId == ownerId && companyKeys.Contains(c.CompanyKey) && c.FirstSentAt >= from && c.FirstSentAt <= to)
            .Select(c => new { c.CompanyKey, c.FirstSentAt })
            .ToListAsync(cancellationToken);
        foreach (var first in firsts)
        {
            if (!byCompany.TryGetValue(first.CompanyKey, out var times))
            {
                byCompany[first.CompanyKey] = times = [];
            }

            times.Add(first.FirstSentAt);
        }

        return new GroupStarts(byCompany, dismissed);
    }

    /// <summary>
    /// Cuts the chains of one region, in walk order, to the stretch between known group starts, where they run past
    /// what was read, [<paramref name="loadFrom"/>, <paramref name="loadTo"/>]; the stretch keeps its 90-day baseline
    /// inside what was read. A side with no known start to cut at is left whole, and the caller reads further.
    /// </summary>
    public List<DetectionRow> Cut(List<DetectionRow> chains, DetectionRegion region, DetectionSettings settings, DateTime loadFrom, DateTime loadTo)
    {
        if (chains.Count == 0 || !_byCompany.TryGetValue(region.CompanyKey, out var known))
        {
            return chains;
        }

        var reach = BaselineReach + settings.Gap;
        var first = 0;
        if (chains[0].SentAt - reach < loadFrom)
        {
            // The latest known start before the region, so that the stretch is short.
            first = -1;
            for (var i = chains.Count - 1; i > 0 && chains[i].SentAt - reach >= loadFrom; i--)
            {
                if (chains[i].SentAt < region.From && IsKnownStart(chains, i, known))
                {
                    first = i;
                    break;
                }
            }

            if (first < 0)
            {
                return chains;
            }
        }

        var end = chains.Count;
        if (chains[^1].SentAt + reach > loadTo)
        {
            // The first group start of the new walk after the region that was a start before it too.
            end = -1;
            var walk = chains.Skip(first).Select(row => row.ToDetection(_dismissed)).ToArray();
            foreach (var start in FlockGrouper.GroupStarts(walk, settings))
            {
                var i = first + start;
                if (chains[i].SentAt <= region.To)
                {
                    continue;
                }

                if (chains[i - 1].SentAt + reach > loadTo)
                {
                    break;
                }

                if (IsKnownStart(chains, i, known))
                {
                    end = i;
                    break;
                }
            }

            if (end < 0)
            {
                return chains;
            }
        }

        return first == 0 && end == chains.Count ? chains : chains[first..end];
    }

    // Rows of one moment are neighbours in walk order, and in one chain.
    private static bool IsKnownStart(List<DetectionRow> chains, int i, HashSet<DateTime> known) =>
        known.Contains(chains[i].SentAt)
        && (i == 0 || chains[i - 1].SentAt != chains[i].SentAt)
        && (i + 1 == chains.Count || chains[i + 1].SentAt != chains[i].SentAt);
}
