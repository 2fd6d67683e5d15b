using System.Globalization;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;

namespace InviteTriage.Core.Detection;

/// <summary>The signals and scores of DETECTION.md, rendered the way spam filters explain themselves.</summary>
public static class FlockScorer
{
    public const double GenericTextScore = 1.5;
    public const double RepeatInviteScore = 2;
    public const double CampaignCompanyScore = 3;
    public const double CampaignSenderScore = 2;
    public const double KnownCompanyScore = -1;
    public const double OwnCompanyScore = -3;
    public const double PersonalNotesScore = -1.5;

    // Both campaign rules need at least two *other* members: one could be chance.
    public const int CampaignMinMembers = 2;

    // Always the end of FLOCK_COMPANY's detail, which is how WithPValue finds it whatever the company is called.
    private const string PValueLabel = ", p = ";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static FlockScore Score(FlockFacts facts, DetectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(settings);

        var reasons = new List<FlagReason> { new(FlagRules.FlockCompany, FlockCompanyScore(facts.Senders.Count), FlockCompanyDetail(facts)) };
        var personalCount = facts.MemberCount - facts.GenericCount;
        if (3 * facts.GenericCount >= 2 * facts.MemberCount)
        {
            reasons.Add(new(FlagRules.GenericText, GenericTextScore, Format($"{facts.GenericCount} of {facts.MemberCount} invitations have no note or a default text")));
        }

        if (facts.RepeatInviteCount > 0)
        {
            reasons.Add(new(FlagRules.RepeatInvite, RepeatInviteScore, Format($"{facts.RepeatInviteCount} of {facts.MemberCount} invitations come from senders who invited you before and were not accepted")));
        }

        reasons.AddRange(CampaignReasons(facts.CampaignCompanyMembers, facts.CampaignSenderMembers));
        if (facts.IsKnownCompany)
        {
            reasons.Add(new(FlagRules.KnownCompany, KnownCompanyScore, $"you already have connections at {facts.Company}"));
        }

        if (facts.IsOwnCompany)
        {
            reasons.Add(new(FlagRules.OwnCompany, OwnCompanyScore, $"{facts.Company} is one of your own employers"));
        }

        if (2 * personalCount > facts.MemberCount)
        {
            reasons.Add(new(FlagRules.PersonalNotes, PersonalNotesScore, Format($"{personalCount} of {facts.MemberCount} invitations carry a personal note")));
        }

        return Scored(reasons, settings.LikelyThreshold);
    }

    /// <summary>
    /// A stored flock's score with the campaign rules' counts replaced: what <see cref="Score"/> gives with the same
    /// facts but these two. Only the campaign rules depend on other members, so when their flocks or invitations change
    /// a flock is brought up to date without detecting it again.
    /// </summary>
    public static FlockScore WithCampaign(IReadOnlyList<FlagReason> reasons, int campaignCompanyMembers, int campaignSenderMembers, double likelyThreshold)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var others = reasons.Where(reason => reason.Rule is not (FlagRules.CampaignCompany or FlagRules.CampaignSender)).ToList();

        // In Score's order: the campaign rules follow those that describe the flock itself.
        var at = others.FindLastIndex(reason => reason.Rule is FlagRules.FlockCompany or FlagRules.GenericText or FlagRules.RepeatInvite) + 1;
        others.InsertRange(at, CampaignReasons(campaignCompanyMembers, campaignSenderMembers));
        return Scored(others, likelyThreshold);
    }

    /// <summary>CAMPAIGN_COMPANY and CAMPAIGN_SENDER, which name counts of other members only, never who they are.</summary>
    private static IEnumerable<FlagReason> CampaignReasons(int campaignCompanyMembers, int campaignSenderMembers)
    {
        if (campaignCompanyMembers >= CampaignMinMembers)
        {
            yield return new(FlagRules.CampaignCompany, CampaignCompanyScore, Format($"this company also flocked {campaignCompanyMembers} other members of this instance within 7 days"));
        }

        if (campaignSenderMembers >= CampaignMinMembers)
        {
            yield return new(FlagRules.CampaignSender, CampaignSenderScore, Format($"a sender in this flock also invited {campaignSenderMembers} other members of this instance within 14 days"));
        }
    }

    private static FlockScore Scored(List<FlagReason> reasons, double likelyThreshold)
    {
        var score = reasons.Sum(reason => reason.Score);
        return new FlockScore(reasons, score, score >= likelyThreshold ? FlockSeverity.Likely : FlockSeverity.Review);
    }

    /// <summary>2 + (n − 3), at most 6.</summary>
    public static double FlockCompanyScore(int senderCount) => Math.Min(6, 2 + (senderCount - 3));

    /// <summary>The signals an invitation outside any flock still shows in the inbox; they raise no flock.</summary>
    public static IReadOnlyList<FlagReason> SingleInvitationReasons(bool isRepeatInvite, MessageClass messageClass)
    {
        var reasons = new List<FlagReason>();
        if (isRepeatInvite)
        {
            reasons.Add(new(FlagRules.RepeatInvite, RepeatInviteScore, "the sender invited you before and was not accepted"));
        }

        if (messageClass == MessageClass.Generic)
        {
            reasons.Add(new(FlagRules.GenericText, GenericTextScore, "no note or a default text"));
        }

        return reasons;
    }

    /// <summary>
    /// The reasons with FLOCK_COMPANY's p-value replaced. When the data's coverage moves, a flock's p changes and
    /// nothing else about it, so its explanation is brought up to date without scoring it again.
    /// </summary>
    public static IReadOnlyList<FlagReason> WithPValue(IReadOnlyList<FlagReason> reasons, double pValue)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        return [.. reasons.Select(reason =>
            reason.Rule == FlagRules.FlockCompany && reason.Detail.LastIndexOf(PValueLabel, StringComparison.Ordinal) is var at and >= 0
                ? reason with { Detail = string.Concat(reason.Detail.AsSpan(0, at), PValueText(pValue)) }
                : reason)];
    }

    /// <summary>"2 h 10 min"; days appear from 24 hours on.</summary>
    public static string FormatSpan(TimeSpan span)
    {
        var minutes = (long)Math.Round(span.TotalMinutes, MidpointRounding.AwayFromZero);
        var parts = new List<string>(3);
        if (minutes >= 24 * 60)
        {
            parts.Add(Format($"{minutes / (24 * 60)} d"));
        }

        if (minutes % (24 * 60) >= 60)
        {
            parts.Add(Format($"{minutes % (24 * 60) / 60} h"));
        }

        if (minutes % 60 > 0 || parts.Count == 0)
        {
            parts.Add(Format($"{minutes % 60} min"));
        }

        return string.Join(' ', parts);
    }

    private static string FlockCompanyDetail(FlockFacts facts)
    {
        // Clock times alone are ambiguous once a flock crosses midnight, so then every time carries its date.
        var sameDay = facts.Senders.All(sender => sender.FirstSentAt.Date == facts.FirstSentAt.Date);
        var timeFormat = sameDay ? "HH:mm" : "d MMM HH:mm";
        var senders = string.Join(", ", facts.Senders.Select(sender => $"{sender.Name} {sender.FirstSentAt.ToString(timeFormat, Invariant)}"));
        var span = FormatSpan(facts.LastSentAt - facts.FirstSentAt);
        return Format($"{facts.Company}: {facts.Senders.Count} senders in {span} ({senders})") + PValueText(facts.PValue);
    }

    private static string PValueText(double pValue) => PValueLabel + pValue.ToString("0.0e-00", Invariant);

    private static string Format(FormattableString text) => text.ToString(Invariant);
}
