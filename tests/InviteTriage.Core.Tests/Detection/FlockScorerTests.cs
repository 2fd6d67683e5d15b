using System.Globalization;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using static InviteTriage.Core.Tests.Detection.TestInvitations;

namespace InviteTriage.Core.Tests.Detection;

public sealed class FlockScorerTests
{
    private static readonly FlockFacts FourSenders = new()
    {
        Company = "Blum Shapiro",
        Senders =
        [
            new("A", At(0, 9, 2)),
            new("B", At(0, 9, 40)),
            new("C", At(0, 10, 15)),
            new("D", At(0, 11, 12)),
        ],
        FirstSentAt = At(0, 9, 2),
        LastSentAt = At(0, 11, 12),
        PValue = 3.1e-7,
        MemberCount = 4,
        GenericCount = 0,
    };

    [Theory]
    [InlineData(3, 2.0)]
    [InlineData(4, 3.0)]
    [InlineData(5, 4.0)]
    [InlineData(7, 6.0)]
    [InlineData(8, 6.0)]
    [InlineData(20, 6.0)]
    public void FlockCompanyScore_SenderCount_IsTwoPlusExtraSendersCappedAtSix(int senders, double expected)
    {
        var score = FlockScorer.FlockCompanyScore(senders);

        score.Should().Be(expected);
    }

    [Fact]
    public void Score_FourSenders_RendersLikeASpamFilter()
    {
        var facts = FourSenders with { GenericCount = 2 };

        var score = FlockScorer.Score(facts, DetectionSettings.Default);

        score.Reasons.Should().ContainSingle().Which.ToString().Should().Be(
            "FLOCK_COMPANY (+3.0) Blum Shapiro: 4 senders in 2 h 10 min (A 09:02, B 09:40, C 10:15, D 11:12), p = 3.1e-07");
    }

    [Theory]
    [InlineData("Blum Shapiro")]
    [InlineData("Odd, p = Name")]
    public void WithPValue_GivesWhatScoringWithThatPValueGives(string company)
    {
        var facts = FourSenders with { Company = company, GenericCount = 4, RepeatInviteCount = 1 };
        var scored = FlockScorer.Score(facts, DetectionSettings.Default).Reasons;

        var repriced = FlockScorer.WithPValue(scored, 4.2e-9);

        repriced.Should().Equal(FlockScorer.Score(facts with { PValue = 4.2e-9 }, DetectionSettings.Default).Reasons);
        repriced.Should().NotEqual(scored);
    }

    /// <summary>
    /// Every combination of the other rules, each campaign count before and after, and a threshold on either side:
    /// replacing the campaign counts of a stored score gives what scoring with the new counts gives, reasons in order,
    /// score and severity, so that re-scoring other members' flocks equals detecting them again.
    /// </summary>
    [Fact]
    public void WithCampaign_AnyOtherReasonsAndCounts_GivesWhatScoringWithThoseCountsGives()
    {
        int[] counts = [0, 1, 2, 7];
        var cases = 0;
        for (var rules = 0; rules < 16; rules++)
        {
            var facts = FourSenders with
            {
                GenericCount = (rules & 1) != 0 ? 4 : 1,
                RepeatInviteCount = (rules & 2) != 0 ? 1 : 0,
                IsKnownCompany = (rules & 4) != 0,
                IsOwnCompany = (rules & 8) != 0,
            };
            foreach (var settings in new[] { DetectionSettings.Default, DetectionSettings.Default with { LikelyThreshold = 9 } })
            {
                foreach (var (company, sender, newCompany, newSender) in
                    from c in counts from s in counts from nc in counts from ns in counts select (c, s, nc, ns))
                {
                    var stored = FlockScorer.Score(facts with { CampaignCompanyMembers = company, CampaignSenderMembers = sender }, settings);

                    var rescored = FlockScorer.WithCampaign(stored.Reasons, newCompany, newSender, settings.LikelyThreshold);

                    var expected = FlockScorer.Score(facts with { CampaignCompanyMembers = newCompany, CampaignSenderMembers = newSender }, settings);
                    rescored.Reasons.Should().Equal(expected.Reasons);
                    rescored.Score.Should().Be(expected.Score);
                    rescored.Severity.Should().Be(expected.Severity);
                    cases++;
                }
            }
        }

        cases.Should().Be(16 * 2 * 256);
    }

    [Fact]
    public void Score_UnderAnotherCulture_RendersTheSame()
    {
        var facts = FourSenders with { GenericCount = 4, PValue = 1.26e-5 };
        var original = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var score = FlockScorer.Score(facts, DetectionSettings.Default);

            score.Reasons.Select(reason => reason.ToString()).Should().Equal(
                "FLOCK_COMPANY (+3.0) Blum Shapiro: 4 senders in 2 h 10 min (A 09:02, B 09:40, C 10:15, D 11:12), p = 1.3e-05",
                "GENERIC_TEXT (+1.5) 4 of 4 invitations have no note or a default text");
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Score_FlockAcrossMidnight_DatesEachSender()
    {
        var facts = FourSenders with
        {
            Senders = [new("A", At(0, 23, 10)), new("B", At(1, 0, 5)), new("C", At(1, 2, 0))],
            FirstSentAt = At(0, 23, 10),
            LastSentAt = At(1, 2, 0),
            MemberCount = 3,
        };

        var score = FlockScorer.Score(facts, DetectionSettings.Default);

        score.Reasons[0].Detail.Should().Be("Blum Shapiro: 3 senders in 2 h 50 min (A 3 Mar 23:10, B 4 Mar 00:05, C 4 Mar 02:00), p = 3.1e-07");
    }

    [Theory]
    [InlineData(3, 2, true)]
    [InlineData(3, 1, false)]
    [InlineData(4, 3, true)]
    [InlineData(4, 2, false)]
    [InlineData(6, 4, true)]
    [InlineData(7, 4, false)]
    public void Score_GenericShare_AddsGenericTextFromTwoThirds(int members, int generic, bool expected)
    {
        var facts = FourSenders with { MemberCount = members, GenericCount = generic };

        var score = FlockScorer.Score(facts, DetectionSettings.Default);

        score.Reasons.Any(reason => reason is { Rule: FlagRules.GenericText, Score: 1.5 }).Should().Be(expected);
    }

    [Theory]
    [InlineData(4, 0, true)]
    [InlineData(4, 1, true)]
    [InlineData(4, 2, false)]
    [InlineData(3, 1, true)]
    [InlineData(5, 3, false)]
    public void Score_MostMembersPersonal_SubtractsPersonalNotes(int members, int generic, bool expected)
    {
        var facts = FourSenders with { MemberCount = members, GenericCount = generic };

        var score = FlockScorer.Score(facts, DetectionSettings.Default);

        score.Reasons.Any(reason => reason is { Rule: FlagRules.PersonalNotes, Score: -1.5 }).Should().Be(expected);
    }

    [Fact]
    public void Score_SeveralRepeatSenders_AddsRepeatInviteOnce()
    {
        var facts = FourSenders with { RepeatInviteCount = 3 };

        var score = FlockScorer.Score(facts, DetectionSettings.Default);

        score.Reasons.Where(reason => reason.Rule == FlagRules.RepeatInvite).Should().ContainSingle().Which.Score.Should().Be(2);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(5, true)]
    public void Score_CampaignCompany_NeedsTwoOtherMembers(int otherMembers, bool expected)
    {
        var facts = FourSenders with { CampaignCompanyMembers = otherMembers };

        var score = FlockScorer.Score(facts, DetectionSettings.Default);

        score.Reasons.Any(reason => reason is { Rule: FlagRules.CampaignCompany, Score: 3 }).Should().Be(expected);
    }

    [Fact]
    public void Score_CampaignRules_ShowCountsOnly()
    {
        var facts = FourSenders with { CampaignCompanyMembers = 2, CampaignSenderMembers = 3 };

        var score = FlockScorer.Score(facts, DetectionSettings.Default);

        score.Reasons.Where(reason => reason.Rule is FlagRules.CampaignCompany or FlagRules.CampaignSender)
            .Select(reason => reason.ToString())
            .Should().Equal(
                "CAMPAIGN_COMPANY (+3.0) this company also flocked 2 other members of this instance within 7 days",
                "CAMPAIGN_SENDER (+2.0) a sender in this flock also invited 3 other members of this instance within 14 days");
    }

    [Fact]
    public void Score_KnownAndOwnCompany_LowerTheScore()
    {
        var facts = FourSenders with { GenericCount = 4, IsKnownCompany = true, IsOwnCompany = true };

        var score = FlockScorer.Score(facts, DetectionSettings.Default);

        score.Reasons.Select(reason => (reason.Rule, reason.Score)).Should().Equal(
            (FlagRules.FlockCompany, 3.0),
            (FlagRules.GenericText, 1.5),
            (FlagRules.KnownCompany, -1.0),
            (FlagRules.OwnCompany, -3.0));
        score.Score.Should().Be(0.5);
    }

    [Fact]
    public void Score_ThreeGenericSenders_IsReview()
    {
        var facts = FourSenders with { Senders = FourSenders.Senders.Take(3).ToList(), MemberCount = 3, GenericCount = 3 };

        var score = FlockScorer.Score(facts, DetectionSettings.Default);

        score.Score.Should().Be(3.5);
        score.Severity.Should().Be(FlockSeverity.Review);
    }

    [Fact]
    public void Score_ExactlyTheThreshold_IsLikely()
    {
        var facts = FourSenders with { GenericCount = 2, CampaignCompanyMembers = 2 };

        var score = FlockScorer.Score(facts, DetectionSettings.Default);

        score.Score.Should().Be(6);
        score.Severity.Should().Be(FlockSeverity.Likely);
    }

    [Fact]
    public void Score_UserThreshold_DecidesSeverity()
    {
        var facts = FourSenders with { GenericCount = 4 };

        var score = FlockScorer.Score(facts, DetectionSettings.Default with { LikelyThreshold = 4.5 });

        score.Score.Should().Be(4.5);
        score.Severity.Should().Be(FlockSeverity.Likely);
    }

    [Fact]
    public void Score_Total_IsSumOfReasons()
    {
        var facts = FourSenders with { GenericCount = 4, RepeatInviteCount = 1, CampaignSenderMembers = 2, IsKnownCompany = true };

        var score = FlockScorer.Score(facts, DetectionSettings.Default);

        score.Score.Should().Be(3 + 1.5 + 2 + 2 - 1);
        score.Score.Should().Be(score.Reasons.Sum(reason => reason.Score));
        score.Severity.Should().Be(FlockSeverity.Likely);
    }

    [Theory]
    [InlineData(false, MessageClass.Personal, new string[0])]
    [InlineData(false, MessageClass.Generic, new[] { "GENERIC_TEXT (+1.5) no note or a default text" })]
    [InlineData(true, MessageClass.Personal, new[] { "REPEAT_INVITE (+2.0) the sender invited you before and was not accepted" })]
    [InlineData(true, MessageClass.Generic, new[] { "REPEAT_INVITE (+2.0) the sender invited you before and was not accepted", "GENERIC_TEXT (+1.5) no note or a default text" })]
    public void SingleInvitationReasons_Signals_AreListed(bool isRepeat, MessageClass messageClass, string[] expected)
    {
        var reasons = FlockScorer.SingleInvitationReasons(isRepeat, messageClass);

        reasons.Select(reason => reason.ToString()).Should().Equal(expected);
    }

    [Theory]
    [InlineData(0, "0 min")]
    [InlineData(40, "40 min")]
    [InlineData(60, "1 h")]
    [InlineData(130, "2 h 10 min")]
    [InlineData((26 * 60) + 5, "1 d 2 h 5 min")]
    [InlineData(72 * 60, "3 d")]
    public void FormatSpan_Minutes_ReadsNaturally(int minutes, string expected)
    {
        var text = FlockScorer.FormatSpan(TimeSpan.FromMinutes(minutes));

        text.Should().Be(expected);
    }
}
