using InviteTriage.Core.Companies;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Demo;
using InviteTriage.Data.Imports;
using InviteTriage.Ingest;

namespace InviteTriage.Data.Tests.Demo;

public sealed class DemoInboxTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 18, 10, 30, 0, TimeSpan.Zero);
    private static readonly DateTime Yesterday = new(2026, 3, 17, 0, 0, 0, DateTimeKind.Utc);

    // Enough seeds to catch a chance flock or a lost story, few enough to run in well under a second.
    private static readonly int[] ManySeeds = [.. Enumerable.Range(0, 200)];

    [Fact]
    public void Generate_SameSeedAndDay_GivesTheSameDrafts()
    {
        var first = DemoInbox.Generate(42, Now);

        var second = DemoInbox.Generate(42, Now);

        second.Drafts.Should().Equal(first.Drafts);
        second.Flocks.Should().Equal(first.Flocks);
        second.NearMisses.Should().Equal(first.NearMisses);
    }

    [Fact]
    public void Generate_DifferentSeeds_GiveDifferentSendersAndFirms()
    {
        var first = DemoInbox.Generate(1, Now);

        var second = DemoInbox.Generate(2, Now);

        second.Drafts.Select(d => d.SenderProfileUrl).Should().NotIntersectWith(first.Drafts.Select(d => d.SenderProfileUrl).OfType<string>());
        second.Flocks.Select(f => f.CompanyKey).Should().NotIntersectWith(first.Flocks.Select(f => f.CompanyKey));
    }

    [Fact]
    public void Generate_ALaterDay_GivesTheSameInboxShiftedWithTheSameExternalIds()
    {
        var today = DemoInbox.Generate(7, Now);

        var nextWeek = DemoInbox.Generate(7, Now.AddDays(7));

        nextWeek.Drafts.Should().Equal(today.Drafts.Select(d => d with { SentAt = d.SentAt.AddDays(7) }));
    }

    [Fact]
    public void Generate_AnySeed_AFewHundredInvitationsOverMonthsEndingYesterday()
    {
        var inboxes = ManySeeds.Select(seed => DemoInbox.Generate(seed, Now).Drafts).ToList();

        inboxes.Should().AllSatisfy(drafts =>
        {
            drafts.Should().HaveCountGreaterThanOrEqualTo(200).And.HaveCountLessThanOrEqualTo(600);
            drafts.Max(d => d.SentAt).Date.Should().Be(Yesterday);
            (drafts.Max(d => d.SentAt) - drafts.Min(d => d.SentAt)).Should().BeGreaterThanOrEqualTo(TimeSpan.FromDays(60));
            drafts.Should().OnlyContain(d => d.SentAt.Kind == DateTimeKind.Utc && d.Source == InvitationSource.Demo);
            drafts.Select(d => d.SentAt).Should().BeInAscendingOrder();
        });
        var perDay = inboxes.Average(drafts => drafts.Count / (double)DemoInbox.Days);
        perDay.Should().BeInRange(2, 8, "the brief asks for about 2 to 8 invitations a day");
    }

    [Fact]
    public void Generate_AnySeed_NumbersTheDraftsAsStableDemoElements()
    {
        var drafts = DemoInbox.Generate(3, Now).Drafts;

        drafts.Select(d => d.ExternalId).Should().Equal(drafts.Select((_, i) => $"demo-{i + 1}"));
        drafts.Select(d => d.Origin).Should().Equal(drafts.Select((_, i) => IngestOrigin.Element("demo", i + 1)));
    }

    [Fact]
    public void Generate_AnySeed_TheDetectorFindsExactlyThePlannedFlocks()
    {
        var wrong = new List<string>();

        foreach (var seed in ManySeeds)
        {
            var plan = DemoInbox.Generate(seed, Now);
            var found = FlockDetector.Detect(Detectable(plan.Drafts), DetectionSettings.Default, DetectionContext.Empty)
                .Select(f => (f.CompanyKey, f.SenderCount, f.Score, f.Severity))
                .OrderBy(f => f.CompanyKey, StringComparer.Ordinal);
            var planned = plan.Flocks
                .Select(f => (f.CompanyKey, f.Senders, f.Score, f.Severity))
                .OrderBy(f => f.CompanyKey, StringComparer.Ordinal);
            if (!found.SequenceEqual(planned))
            {
                wrong.Add($"seed {seed}: found {string.Join(", ", found)}; planned {string.Join(", ", planned)}");
            }
        }

        wrong.Should().BeEmpty("every flock in the demo is placed on purpose, and no near miss or background flocks by chance");
    }

    [Fact]
    public void Generate_AnySeed_PlansFlocksOfEachStrengthAndThreeNearMisses()
    {
        var plans = ManySeeds.Select(seed => DemoInbox.Generate(seed, Now)).ToList();

        plans.Should().AllSatisfy(plan =>
        {
            plan.Flocks.Should().HaveCountGreaterThanOrEqualTo(3);
            plan.Flocks.Should().Contain(f => f.Severity == FlockSeverity.Likely).And.Contain(f => f.Severity == FlockSeverity.Review);
            plan.Flocks.Select(f => f.Senders).Should().Contain([3, 4, 5, 6]);
            plan.NearMisses.Should().HaveCount(3);
            plan.NearMisses.Select(n => n.CompanyKey).Should().NotIntersectWith(plan.Flocks.Select(f => f.CompanyKey));
        });
    }

    [Fact]
    public void Generate_AnySeed_HasRepeatsPersonalNotesAndMostlyGenericTexts()
    {
        var invitations = Stored(DemoInbox.Generate(11, Now).Drafts);

        var repeatedSenders = invitations.GroupBy(i => i.SenderKey).Count(g => g.Count() > 1);
        var personal = invitations.Count(i => i.MessageClass == MessageClass.Personal);

        repeatedSenders.Should().BeGreaterThanOrEqualTo(5, "four senders of the long tail and one of the morning flock invite twice");
        personal.Should().BeGreaterThanOrEqualTo(20);
        personal.Should().BeLessThan(invitations.Count / 4, "most invitations carry no note or a stock text");
        invitations.Should().Contain(i => i.Message == null).And.Contain(i => i.CompanyKey == null, "some headlines name no company");
        invitations.Select(i => i.SenderProfileUrl).Should().Contain(url => url != null && url.StartsWith("https://www.linkedin.com/in/", StringComparison.Ordinal));
    }

    [Fact]
    public void SeedFor_TheSameOwner_GivesTheSameSeedAndAnotherOwnerAnother()
    {
        var owner = "8f14e45f-ceea-467a-9575-2a1b2c3d4e5f";

        var seed = DemoInbox.SeedFor(owner);

        DemoInbox.SeedFor(owner).Should().Be(seed);
        DemoInbox.SeedFor("0a1b2c3d-0000-4000-8000-000000000000").Should().NotBe(seed);
        seed.Should().BeGreaterThanOrEqualTo(0);
    }

    // The drafts as the import stores them: the same company keys, sender keys and message classes.
    private static List<Invitation> Stored(IEnumerable<InvitationDraft> drafts) =>
    [
        .. drafts.Select((draft, index) =>
        {
            var invitation = DraftRules.ToInvitation(draft, "owner", batchId: 1, Now.UtcDateTime, CompanyAliasMap.Empty);
            invitation.Id = index + 1;
            return invitation;
        }),
    ];

    private static List<DetectionInvitation> Detectable(IEnumerable<InvitationDraft> drafts)
    {
        var invitations = Stored(drafts);
        var bySender = invitations.ToLookup(i => i.SenderKey, StringComparer.Ordinal);
        return
        [
            .. invitations.Select(i => new DetectionInvitation(i.Id, i.CompanyKey, i.SenderKey, i.SentAt, i.MessageClass)
            {
                Company = i.Company,
                SenderName = i.SenderName,
                IsRepeatInvite = bySender[i.SenderKey].Any(e => e.SentAt < i.SentAt),
            }),
        ];
    }
}
