using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.History;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Detection;
using InviteTriage.Data.Imports;
using InviteTriage.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Imports;

/// <summary>
/// A merge (FORMATS.md: the same invitation from a second source) that changes nothing but a stored invitation's sender
/// key or its message class still changes how its company's senders are counted and scored, so the company is
/// detected again there. Each case ends as a full rebuild of the owner's flocks would leave it, with nothing left for
/// the rebuild to change.
/// </summary>
public abstract class MergeRedetectionTests
{
    public sealed class OnSqlite(SqliteStore store) : MergeRedetectionTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : MergeRedetectionTests(store), IClassFixture<PostgresStore>;

    private const string PersonalNote = "Great to meet you at the Lisbon accessibility meetup on Thursday, I'd love to keep talking about audits.";

    private static readonly DateTime Nine = Monday.AddHours(9);

    private readonly TriageStore _store;
    private readonly Members _members;

    protected MergeRedetectionTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
    }

    [Fact]
    public async Task AnEmailGivingANameKeyedInvitationTheProfileOfALaterOne_RevealsARepeat_AndTheFlockIsWithdrawn()
    {
        var owner = await _members.AddAsync();

        // The export knew Sam Reed's 09:00 invitation by name only, so his 10:30 one, with a profile, counts as a second sender.
        await _members.ReceiveAsync(
            owner,
            From("Sam Reed", "Acme", Nine) with { SenderProfileUrl = null },
            From("Sam Reed", "Acme", Nine.AddMinutes(90)),
            From("Jo Park", "Acme", Nine.AddMinutes(120)));
        var flock = (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle("three sender keys in two hours").Subject;
        var samsMail = From("Sam Reed", "Acme", Nine.AddMinutes(3));

        var mail = await ReceiveMailAsync(owner, samsMail);

        (mail.Added, mail.Merged).Should().Be((0, 1));
        (await _members.InvitationsAsync(owner)).Where(i => i.SenderName == "Sam Reed").Select(i => i.SenderKey).Distinct().Should()
            .Equal(SenderKey.For(samsMail.SenderProfileUrl, "Sam Reed", "acme"));
        (await _members.FlocksAsync(owner)).Should().ContainSingle(f => f.Id == flock.Id)
            .Which.Status.Should().Be(FlockStatus.Withdrawn, "Sam Reed invited twice: two senders, no flock");
        (await _members.EventsAsync(owner)).Should().Contain(e => e.Kind == FlagEventKind.FlockWithdrawn && e.FlockId == flock.Id);
        await ExpectARebuildToChangeNothingAsync(owner);
    }

    [Fact]
    public async Task AnEmailGivingOneOfTwoNamesakesAProfile_TellsThemApart_AndAFlockAppears()
    {
        var owner = await _members.AddAsync();

        // Two people named Ali Khan at Acme, known by name only, count as one sender with Jo Park: two, no flock.
        await _members.ReceiveAsync(
            owner,
            From("Ali Khan", "Acme", Nine) with { SenderProfileUrl = null },
            From("Jo Park", "Acme", Nine.AddMinutes(60)),
            From("Ali Khan", "Acme", Nine.AddMinutes(120)) with { SenderProfileUrl = null });
        (await _members.FlocksAsync(owner)).Should().BeEmpty();

        var mail = await ReceiveMailAsync(owner, From("Ali Khan", "Acme", Nine.AddMinutes(2)) with { SenderProfileUrl = "https://www.linkedin.com/in/ali-khan-7f3a" });

        (mail.Added, mail.Merged).Should().Be((0, 1));
        var flock = (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle("the profile makes the 09:00 Ali Khan a third sender").Subject;
        (flock.CompanyKey, flock.SenderCount, flock.Members.Count).Should().Be(("acme", 3, 3));
        await ExpectARebuildToChangeNothingAsync(owner);
    }

    [Fact]
    public async Task EmailsAddingPersonalNotesToTwoOfThreeMembers_TurnGenericTextIntoPersonalNotes()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Brindle Studio", Nine),
            From("Bo Ray", "Brindle Studio", Nine.AddMinutes(40)),
            From("Cy Tan", "Brindle Studio", Nine.AddMinutes(80)));
        var flock = (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Subject;
        flock.Reasons.Select(r => r.Rule).Should().Equal(FlagRules.FlockCompany, FlagRules.GenericText);

        // The export has no notes; the e-mails of two of them carry one. Sender keys and the company stay as they were.
        var mail = await ReceiveMailAsync(
            owner,
            From("Ada Quill", "Brindle Studio", Nine.AddMinutes(1), PersonalNote),
            From("Bo Ray", "Brindle Studio", Nine.AddMinutes(41), PersonalNote, line: 2));

        (mail.Added, mail.Merged).Should().Be((0, 2));
        (await _members.InvitationsAsync(owner)).Count(i => i.MessageClass == MessageClass.Personal).Should().Be(2);
        var rescored = (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Subject;
        rescored.Id.Should().Be(flock.Id);
        rescored.Reasons.Select(r => r.Rule).Should().Equal(FlagRules.FlockCompany, FlagRules.PersonalNotes);
        rescored.Score.Should().Be(flock.Score - 1.5 - 1.5, "GENERIC_TEXT (+1.5) is gone and PERSONAL_NOTES (-1.5) has come");
        await ExpectARebuildToChangeNothingAsync(owner);
    }

    /// <summary>The same drafts as e-mails, which merge into what the JSON import stored.</summary>
    private async Task<ImportSummary> ReceiveMailAsync(string owner, params InvitationDraft[] drafts)
    {
        var summary = await _members.ReceiveAsync(owner, [.. drafts.Select(d => d with { Source = InvitationSource.Email })]);
        summary.Error.Should().BeNull();
        return summary;
    }

    private async Task ExpectARebuildToChangeNothingAsync(string owner)
    {
        var flocks = await FlocksAsync(owner);
        var candidates = await _members.CandidatesAsync(owner);
        var events = await DetectorEventsAsync(owner);

        await _store.Services.GetRequiredService<FlockDetectionService>().RebuildAsync(owner, CancellationToken.None);

        (await FlocksAsync(owner)).Should().Equal(flocks, "a rebuild finds the flocks the merge's re-detection left");
        (await _members.CandidatesAsync(owner)).Select(Describe).Should().Equal(candidates.Select(Describe));
        (await DetectorEventsAsync(owner)).Should().Be(events, "a rebuild has nothing left to change");
    }

    /// <summary>Each flock as its members, status, score and every reason with its detail.</summary>
    private async Task<List<string>> FlocksAsync(string owner) =>
        [.. (await _members.FlocksAsync(owner))
            .Select(f => $"{f.CompanyKey} {string.Join(',', f.Members.Select(m => m.InvitationId).Order())} {f.Status} {f.Severity} {f.Score:0.###} "
                + string.Join(" | ", f.Reasons))
            .Order(StringComparer.Ordinal)];

    private static string Describe(FlockCandidate c) => $"{c.CompanyKey} {c.FirstSentAt:O} {c.LastSentAt:O} {c.SenderCount} {c.Baseline}";

    private async Task<int> DetectorEventsAsync(string owner)
    {
        await using var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        return await db.FlagEvents.CountAsync(e => e.OwnerId == owner && e.Kind != FlagEventKind.Imported);
    }
}
