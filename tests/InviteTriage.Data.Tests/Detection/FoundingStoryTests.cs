using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Triage;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Detection;

/// <summary>
/// The story that started the project: one invitation from a firm the user never heard of, then three colleagues
/// within the morning, all generic; other members of the instance got flocks from the same firm that week.
/// </summary>
public abstract class FoundingStoryTests
{
    public sealed class OnSqlite(SqliteStore store) : FoundingStoryTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : FoundingStoryTests(store), IClassFixture<PostgresStore>;

    private const string Firm = "Hollow Pine Advisors";

    private readonly TriageStore _store;
    private readonly Members _members;

    protected FoundingStoryTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
    }

    [Fact]
    public async Task TheFlockThatHitSeveralMembers_IsLikely_CarriesCampaignCompany_AndIsAnsweredAndUndoneInOneStepEach()
    {
        var alice = await _members.AddAsync("alice@example.com");
        var bob = await _members.AddAsync("bob@example.com");
        var carol = await _members.AddAsync("carol@example.com");
        await _members.ReceiveAsync(bob, Colleagues("bob", Monday.AddDays(-2).AddHours(10), 3));
        await _members.ReceiveAsync(carol, Colleagues("carol", Monday.AddDays(1).AddHours(14), 3));

        await _members.ReceiveAsync(alice,
        [
            From("Quinn First", Firm, Monday.AddHours(8).AddMinutes(10), "I'd like to add you to my professional network on LinkedIn."),
            .. Colleagues("alice", Monday.AddHours(9), 3),
        ]);

        var flock = (await _members.FlocksAsync(alice)).Should().ContainSingle().Subject;
        flock.Members.Should().HaveCount(4);
        flock.Severity.Should().Be(FlockSeverity.Likely);
        var campaign = flock.Reasons.Should().ContainSingle(r => r.Rule == "CAMPAIGN_COMPANY").Subject;
        campaign.Detail.Should().Contain("2 other members");
        campaign.Detail.Should().NotContainAny("bob", "carol", bob, carol, "Colleague");
        flock.Score.Should().Be(3 + 1.5 + 3, "FLOCK_COMPANY for 4 senders, GENERIC_TEXT and CAMPAIGN_COMPANY");

        var bobsFlock = (await _members.FlocksAsync(bob)).Single();
        bobsFlock.Reasons.Select(r => r.Rule).Should().Contain("CAMPAIGN_COMPANY", "other members' flocks are re-scored when a new one appears");

        var triage = _store.Services.GetRequiredService<TriageService>();
        var notKnown = await triage.ActOnFlockAsync(alice, "alice@example.com", flock.Id, TriageAction.NotKnown, CancellationToken.None);

        notKnown.Changed.Should().Be(4);
        (await _members.InvitationsAsync(alice)).Should().OnlyContain(i => i.Status == InvitationStatus.NotKnown);

        var undo = await triage.UndoAsync(alice, "alice@example.com", notKnown.EventId!.Value, CancellationToken.None);

        undo.Outcome.Should().Be(TriageOutcome.Done);
        (await _members.InvitationsAsync(alice)).Should().OnlyContain(i => i.Status == InvitationStatus.Pending);
        (await _members.InvitationsAsync(bob)).Should().OnlyContain(i => i.Status == InvitationStatus.Pending, "one member's decision touches no one else");
    }

    private static Ingest.InvitationDraft[] Colleagues(string recipient, DateTime start, int count) =>
        [.. Enumerable.Range(0, count).Select(i => From($"Colleague {recipient} {i}", Firm, start.AddMinutes(50 * i)))];
}
