using InviteTriage.Core.Invitations;

namespace InviteTriage.Core.Detection;

/// <summary>The rebuild path: every flock of one recipient, from scratch.</summary>
public static class FlockDetector
{
    public static readonly TimeSpan CampaignCompanyReach = TimeSpan.FromDays(7);

    /// <summary>
    /// Groups the recipient's invitations by company key, walks each company in (sentAt, id) order, keeps the
    /// candidates that pass the surprise test, and scores them. The result depends only on the set of
    /// invitations, not on their order, and is ordered by (company key, first sentAt, first member id).
    /// Invitations without a company key, and those of trusted companies, never flock.
    /// </summary>
    /// <exception cref="ArgumentException">Two invitations share an id.</exception>
    public static IReadOnlyList<DetectedFlock> Detect(
        IEnumerable<DetectionInvitation> invitations,
        DetectionSettings settings,
        DetectionContext context)
    {
        ArgumentNullException.ThrowIfNull(invitations);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);

        var all = invitations as IReadOnlyCollection<DetectionInvitation> ?? [.. invitations];
        var ids = new HashSet<long>(all.Count);
        var companies = new Dictionary<string, List<DetectionInvitation>>(StringComparer.Ordinal);
        foreach (var invitation in all)
        {
            if (!ids.Add(invitation.Id))
            {
                throw new ArgumentException("An invitation id appears twice.", nameof(invitations));
            }

            if (!string.IsNullOrEmpty(invitation.CompanyKey))
            {
                if (!companies.TryGetValue(invitation.CompanyKey, out var company))
                {
                    companies[invitation.CompanyKey] = company = [];
                }

                company.Add(invitation);
            }
        }

        var coverage = DataCoverage.Of(all.Select(invitation => invitation.SentAt));
        if (coverage is null)
        {
            return [];
        }

        var flocks = new List<DetectedFlock>();
        foreach (var (companyKey, company) in companies.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            // Too few invitations for a candidate at all: the common case for the long tail of companies.
            if (company.Count < settings.MinSenders)
            {
                continue;
            }

            var ordered = company.ToArray();
            Array.Sort(ordered, WalkOrder.Instance);
            flocks.AddRange(DetectOrdered(companyKey, ordered, [.. ordered.Select(invitation => invitation.SentAt)], coverage, settings, context));
        }

        return flocks;
    }

    /// <summary>
    /// The flocks among some whole gap-chains of one company. The rebuild passes all of the company's invitations;
    /// the storage layer's incremental path passes only the chains around new data. Both go through here, so both
    /// find the same flocks. <paramref name="companySentAts"/> (ascending) must hold every invitation of the company
    /// within 90 days of the chains, for the baseline; <paramref name="coverage"/> spans all of the recipient's data.
    /// Every candidate tested, flock or not, is added to <paramref name="candidates"/> when one is given.
    /// </summary>
    public static IReadOnlyList<DetectedFlock> DetectCompany(
        string companyKey,
        IEnumerable<DetectionInvitation> chains,
        IReadOnlyList<DateTime> companySentAts,
        DataCoverage coverage,
        DetectionSettings settings,
        DetectionContext context,
        ICollection<DetectedCandidate>? candidates = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(companyKey);
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(companySentAts);
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        return DetectOrdered(companyKey, FlockGrouper.Ordered(chains), companySentAts, coverage, settings, context, candidates);
    }

    private static List<DetectedFlock> DetectOrdered(
        string companyKey,
        DetectionInvitation[] ordered,
        IReadOnlyList<DateTime> companySentAts,
        DataCoverage coverage,
        DetectionSettings settings,
        DetectionContext context,
        ICollection<DetectedCandidate>? candidates = null)
    {
        var flocks = new List<DetectedFlock>();
        if (settings.TrustedCompanyKeys.Contains(companyKey))
        {
            return flocks;
        }

        foreach (var (start, count) in FlockGrouper.Runs(ordered, settings))
        {
            if (count < settings.MinSenders)
            {
                continue;
            }

            var group = new InvitationGroup(new ArraySegment<DetectionInvitation>(ordered, start, count));
            if (!group.IsCandidate(settings))
            {
                continue;
            }

            var baseline = SurpriseTest.CountBaseline(companySentAts, group.FirstSentAt, group.LastSentAt);
            var surprise = SurpriseTest.Evaluate(group.FirstSentAt, group.LastSentAt, group.SenderCount, baseline, coverage, settings);
            candidates?.Add(new DetectedCandidate(companyKey, group.FirstSentAt, group.LastSentAt, group.SenderCount, baseline));
            if (surprise.IsFlock)
            {
                flocks.Add(ToFlock(companyKey, group, surprise, settings, context));
            }
        }

        return flocks;
    }

    /// <summary>How many other members this company flocked within 7 days of [first, last] (CAMPAIGN_COMPANY).</summary>
    public static int CountCampaignCompanyMembers(IEnumerable<PeerFlock> peerFlocks, string companyKey, DateTime first, DateTime last)
    {
        ArgumentNullException.ThrowIfNull(peerFlocks);
        var from = first - CampaignCompanyReach;
        var to = last + CampaignCompanyReach;
        return peerFlocks
            .Where(peer => string.Equals(peer.CompanyKey, companyKey, StringComparison.Ordinal) && peer.FirstSentAt <= to && peer.LastSentAt >= from)
            .Select(peer => peer.MemberKey)
            .Distinct(StringComparer.Ordinal)
            .Count();
    }

    private static DetectedFlock ToFlock(string companyKey, InvitationGroup group, SurpriseResult surprise, DetectionSettings settings, DetectionContext context)
    {
        var members = group.Members;
        var company = DisplayCompany(members) ?? companyKey;
        var senders = members
            .DistinctBy(member => member.SenderKey, StringComparer.Ordinal)
            .Select(member => new FlockSender(string.IsNullOrWhiteSpace(member.SenderName) ? "unnamed sender" : member.SenderName.Trim(), member.SentAt))
            .ToList();

        var facts = new FlockFacts
        {
            Company = company,
            Senders = senders,
            FirstSentAt = group.FirstSentAt,
            LastSentAt = group.LastSentAt,
            PValue = surprise.PValue,
            MemberCount = members.Count,
            GenericCount = members.Count(member => member.MessageClass == MessageClass.Generic),
            RepeatInviteCount = members.Count(member => member.IsRepeatInvite),
            CampaignCompanyMembers = CountCampaignCompanyMembers(context.PeerFlocks, companyKey, group.FirstSentAt, group.LastSentAt),
            CampaignSenderMembers = members.Max(member => member.OtherMembersInvitedBySender),
            IsKnownCompany = context.KnownCompanyKeys.Contains(companyKey),
            IsOwnCompany = settings.OwnCompanyKeys.Contains(companyKey),
        };
        var score = FlockScorer.Score(facts, settings);

        return new DetectedFlock(
            companyKey,
            company,
            [.. members.Select(member => member.Id)],
            group.FirstSentAt,
            group.LastSentAt,
            group.SenderCount,
            surprise,
            score.Reasons,
            score.Score,
            score.Severity);
    }

    // Members may spell their company differently; the most common spelling wins, ties by ordinal order.
    private static string? DisplayCompany(IReadOnlyList<DetectionInvitation> members) =>
        members
            .Where(member => !string.IsNullOrWhiteSpace(member.Company))
            .GroupBy(member => member.Company!.Trim(), StringComparer.Ordinal)
            .OrderByDescending(spelling => spelling.Count())
            .ThenBy(spelling => spelling.Key, StringComparer.Ordinal)
            .Select(spelling => spelling.Key)
            .FirstOrDefault();
}
