using CsCheck;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using static InviteTriage.Core.Tests.Detection.TestInvitations;

namespace InviteTriage.Core.Tests.Detection;

public sealed class FlockDetectorTests
{
    private static readonly DetectionSettings Settings = DetectionSettings.Default;

    // One invitation every third day from ever-different companies: 30 days of data and no flock of its own.
    private static readonly DetectionInvitation[] Background =
        [.. Enumerable.Range(0, 11).Select(i => Invite(1000 + i, $"Other{i}", At(3 * i, 12), companyKey: $"firm{i}"))];

    private static readonly DetectionInvitation[] MorningFlock =
    [
        Invite(1, "Ann", At(15, 9, 2)),
        Invite(2, "Bob", At(15, 9, 40)),
        Invite(3, "Cy", At(15, 10, 15)),
    ];

    [Fact]
    public void Detect_ThreeGenericColleaguesInOneMorning_IsOneReviewFlock()
    {
        var flocks = FlockDetector.Detect([.. Background, .. MorningFlock], Settings, DetectionContext.Empty);

        var flock = flocks.Should().ContainSingle().Subject;
        flock.Should().BeEquivalentTo(new
        {
            CompanyKey = "blumshapiro",
            Company = "Blum Shapiro",
            MemberIds = new long[] { 1, 2, 3 },
            FirstSentAt = At(15, 9, 2),
            LastSentAt = At(15, 10, 15),
            SenderCount = 3,
            Score = 3.5,
            Severity = FlockSeverity.Review,
        });
        flock.Surprise.Baseline.Should().Be(0);
        flock.Surprise.BaselineHours.Should().BeApproximately((31 * 24) - (73 / 60.0), 1e-9, "the data covers the 31 whole days 0 to 30, less the flock's own span");
        flock.PValue.Should().BeApproximately(SurpriseTest.PoissonUpperTail(0.1 / flock.Surprise.BaselineHours * 24, 3), 1e-20);
        flock.Reasons.Select(reason => reason.ToString()).Should().Equal(
            "FLOCK_COMPANY (+2.0) Blum Shapiro: 3 senders in 1 h 13 min (Ann 09:02, Bob 09:40, Cy 10:15), p = 5.6e-09",
            "GENERIC_TEXT (+1.5) 3 of 3 invitations have no note or a default text");
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(6, true)]
    public void Detect_CompanyInvitingEveryOtherDay_FlocksOnlyWithManySenders(int senders, bool expectedFlock)
    {
        var routine = Enumerable.Range(0, 90).Select(i => Invite(100 + i, $"Routine{i % 7}", At(2 * i, 0), companyKey: "bigco"));
        var burst = Enumerable.Range(0, senders).Select(i => Invite(i + 1, $"Burst{i}", At(91, 10 + i), companyKey: "bigco"));

        var flocks = FlockDetector.Detect([.. routine, .. burst], Settings, DetectionContext.Empty);

        flocks.Should().HaveCount(expectedFlock ? 1 : 0);
    }

    [Fact]
    public void Detect_SameSenderThreeTimes_IsARepeatNotAFlock()
    {
        DetectionInvitation[] invitations = [Invite(1, "Ann", At(15, 9)), Invite(2, "Ann", At(15, 10)), Invite(3, "Ann", At(15, 11))];

        var flocks = FlockDetector.Detect([.. Background, .. invitations], Settings, DetectionContext.Empty);

        flocks.Should().BeEmpty();
    }

    [Fact]
    public void Detect_UnknownCompany_NeverFlocks()
    {
        var unknown = MorningFlock.Select(invitation => invitation with { CompanyKey = null });

        var flocks = FlockDetector.Detect([.. Background, .. unknown], Settings, DetectionContext.Empty);

        flocks.Should().BeEmpty();
    }

    [Fact]
    public void Detect_TrustedCompany_NeverFlocks()
    {
        var settings = Settings with { TrustedCompanyKeys = new HashSet<string> { "blumshapiro" } };

        var flocks = FlockDetector.Detect([.. Background, .. MorningFlock], settings, DetectionContext.Empty);

        flocks.Should().BeEmpty();
    }

    [Fact]
    public void Detect_OwnAndKnownCompany_AreFlaggedWithLowerScore()
    {
        var settings = Settings with { OwnCompanyKeys = new HashSet<string> { "blumshapiro" } };
        var context = DetectionContext.Empty with { KnownCompanyKeys = new HashSet<string> { "blumshapiro" } };

        var flocks = FlockDetector.Detect([.. Background, .. MorningFlock], settings, context);

        flocks.Should().ContainSingle().Which.Reasons.Select(reason => reason.Rule).Should().Equal(
            FlagRules.FlockCompany, FlagRules.GenericText, FlagRules.KnownCompany, FlagRules.OwnCompany);
        flocks[0].Score.Should().Be(-0.5);
    }

    [Fact]
    public void Detect_DismissedFlock_IsNotFlaggedAgain()
    {
        var dismissed = MorningFlock.Select(invitation => invitation with { DismissedFlockIds = [70] });

        var flocks = FlockDetector.Detect([.. Background, .. dismissed], Settings, DetectionContext.Empty);

        flocks.Should().BeEmpty();
    }

    [Fact]
    public void Detect_DismissedMemberWithNewColleaguesDaysLater_FlocksWithoutItsOldPartners()
    {
        var dismissed = MorningFlock.Select(invitation => invitation with { DismissedFlockIds = [70] });
        DetectionInvitation[] later =
        [
            Invite(4, "Dee", At(16, 8)) with { DismissedFlockIds = [70] },
            Invite(5, "Eve", At(16, 9)),
            Invite(6, "Fay", At(16, 10)),
        ];

        // The old partners still count in the baseline (B = 3), which a default α would find unsurprising.
        var settings = Settings with { Alpha = 1e-3 };

        var flocks = FlockDetector.Detect([.. Background, .. dismissed, .. later], settings, DetectionContext.Empty);

        flocks.Should().ContainSingle().Which.MemberIds.Should().Equal(4, 5, 6);
    }

    [Fact]
    public void Detect_RepeatAndCampaignSignals_RaiseTheScore()
    {
        var invitations = MorningFlock
            .Select(invitation => invitation.Id == 2 ? invitation with { IsRepeatInvite = true, OtherMembersInvitedBySender = 2 } : invitation);
        PeerFlock[] peers =
        [
            new("m1", "blumshapiro", At(15, 8), At(15, 12)),
            new("m2", "blumshapiro", At(8, 9), At(8, 11)),
            new("m2", "blumshapiro", At(14, 9), At(14, 11)),
            new("m3", "acme", At(15, 9), At(15, 11)),
        ];

        var flocks = FlockDetector.Detect([.. Background, .. invitations], Settings, DetectionContext.Empty with { PeerFlocks = peers });

        var flock = flocks.Should().ContainSingle().Subject;
        flock.Reasons.Select(reason => reason.Rule).Should().Equal(
            FlagRules.FlockCompany, FlagRules.GenericText, FlagRules.RepeatInvite, FlagRules.CampaignCompany, FlagRules.CampaignSender);
        flock.Score.Should().Be(2 + 1.5 + 2 + 3 + 2);
        flock.Severity.Should().Be(FlockSeverity.Likely);
    }

    [Theory]
    [InlineData(-8, -8, 0)]
    [InlineData(-7, -7, 1)]
    [InlineData(0, 0, 1)]
    [InlineData(7, 7, 1)]
    [InlineData(8, 8, 0)]
    [InlineData(-30, 30, 1)]
    public void CountCampaignCompanyMembers_PeerFlockAroundThisOne_CountsWithinSevenDays(int firstDay, int lastDay, int expected)
    {
        PeerFlock[] peers = [new("m1", "blumshapiro", At(15 + firstDay, 10), At(15 + lastDay, 10))];

        var count = FlockDetector.CountCampaignCompanyMembers(peers, "blumshapiro", At(15, 10), At(15, 10));

        count.Should().Be(expected);
    }

    [Fact]
    public void Detect_TwoCompanies_AreOrderedByCompanyKey()
    {
        var acme = MorningFlock.Select(invitation => invitation with { Id = invitation.Id + 10, CompanyKey = "acme", Company = "Acme" });

        var flocks = FlockDetector.Detect([.. Background, .. MorningFlock, .. acme], Settings, DetectionContext.Empty);

        flocks.Select(flock => flock.CompanyKey).Should().Equal("acme", "blumshapiro");
    }

    [Fact]
    public void Detect_MostCommonSpelling_NamesTheCompany()
    {
        var invitations = MorningFlock.Select(invitation => invitation.Id == 1 ? invitation with { Company = "Blum Shapiro & Company, P.C." } : invitation);

        var flocks = FlockDetector.Detect([.. Background, .. invitations], Settings, DetectionContext.Empty);

        flocks.Should().ContainSingle().Which.Company.Should().Be("Blum Shapiro");
    }

    [Fact]
    public void Detect_RepeatedId_Throws()
    {
        var act = () => FlockDetector.Detect([.. MorningFlock, MorningFlock[0]], Settings, DetectionContext.Empty);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Detect_NoInvitations_FindsNothing()
    {
        var flocks = FlockDetector.Detect([], Settings, DetectionContext.Empty);

        flocks.Should().BeEmpty();
    }

    [Fact]
    public void Detect_AnyPermutation_GivesSameFlocks()
    {
        var inputs = Gen.Select(DetectionGen.Recipient, DetectionGen.Settings)
            .SelectMany((invitations, settings) => Gen.Shuffle(invitations.ToArray()).Select(shuffled => (invitations, shuffled, settings)));
        var found = 0;

        inputs.Sample((invitations, shuffled, settings) =>
        {
            var expected = FlockDetector.Detect(invitations, settings, DetectionContext.Empty);

            var actual = FlockDetector.Detect(shuffled, settings, DetectionContext.Empty);

            actual.Should().BeEquivalentTo(expected, options => options.WithStrictOrdering());
            Interlocked.Add(ref found, expected.Count);
        }, iter: 1000);

        found.Should().BePositive("the generator must produce flocks for the property to mean anything");
    }

    [Fact]
    public void Detect_AnyInvitations_GivesOnlyValidFlocks()
    {
        var inputs = Gen.Select(DetectionGen.Recipient, DetectionGen.Settings);
        var found = 0;

        inputs.Sample((invitations, settings) =>
        {
            var byId = invitations.ToDictionary(invitation => invitation.Id);

            var flocks = FlockDetector.Detect(invitations, settings, DetectionContext.Empty);

            flocks.SelectMany(flock => flock.MemberIds).Should().OnlyHaveUniqueItems("an invitation is in at most one flock");
            foreach (var flock in flocks)
            {
                var members = flock.MemberIds.Select(id => byId[id]).ToList();
                members.Should().OnlyContain(member => member.CompanyKey == flock.CompanyKey && member.CompanyKey != null);
                members.Select(member => member.SenderKey).Distinct().Count().Should().Be(flock.SenderCount).And.BeGreaterThanOrEqualTo(settings.MinSenders);
                members.Should().BeInAscendingOrder(member => member.SentAt);
                members.Zip(members.Skip(1), (a, b) => b.SentAt - a.SentAt).Should().NotContain(gap => gap > settings.Gap);
                (flock.LastSentAt - flock.FirstSentAt).Should().BeLessThanOrEqualTo(settings.Span);
                members.SelectMany(member => member.DismissedFlockIds).Should().OnlyHaveUniqueItems();
                flock.PValue.Should().BeLessThanOrEqualTo(settings.Alpha);
                flock.Score.Should().Be(flock.Reasons.Sum(reason => reason.Score));
                flock.Severity.Should().Be(flock.Score >= settings.LikelyThreshold ? FlockSeverity.Likely : FlockSeverity.Review);
            }

            Interlocked.Add(ref found, flocks.Count);
        }, iter: 1000);

        found.Should().BePositive();
    }

    [Fact]
    public void Detect_InvitationsWithPersonalNotes_SubtractFromScore()
    {
        var personal = MorningFlock.Select(invitation => invitation with { MessageClass = MessageClass.Personal });

        var flocks = FlockDetector.Detect([.. Background, .. personal], Settings, DetectionContext.Empty);

        flocks.Should().ContainSingle().Which.Score.Should().Be(0.5);
    }
}
