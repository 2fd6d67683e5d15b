using InviteTriage.Core.Flocks;
using InviteTriage.Core.History;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Detection;
using InviteTriage.Data.Triage;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Detection;

/// <summary>The life of a flock (DETECTION.md): found, grown, merged, reopened, withdrawn, dismissed.</summary>
public abstract class FlockLifeTests
{
    public sealed class OnSqlite(SqliteStore store) : FlockLifeTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : FlockLifeTests(store), IClassFixture<PostgresStore>;

    private readonly TriageStore _store;
    private readonly Members _members;

    protected FlockLifeTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
    }

    private TriageService Triage => _store.Services.GetRequiredService<TriageService>();

    [Fact]
    public async Task ThreeColleaguesOfAnUnknownFirmInAMorning_AreOneFlockWithItsReasons()
    {
        var owner = await _members.AddAsync();

        await _members.ReceiveAsync(owner, Morning("Acme Widgets", 3));

        var flock = (await _members.FlocksAsync(owner)).Should().ContainSingle().Subject;
        flock.Status.Should().Be(FlockStatus.Open);
        flock.Members.Should().HaveCount(3);
        flock.Reasons.Select(r => r.Rule).Should().Contain("FLOCK_COMPANY").And.Contain("GENERIC_TEXT");
        flock.Reasons.Single(r => r.Rule == "FLOCK_COMPANY").Detail.Should().StartWith("Acme Widgets: 3 senders in 40 min (Colleague 0 09:00, Colleague 1 09:20, Colleague 2 09:40), p = ");
        (await _members.EventsAsync(owner)).Select(e => e.Kind).Should().Contain(FlagEventKind.FlockDetected);
    }

    [Fact]
    public async Task AFourthColleague_GrowsTheFlockAndItKeepsItsId()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, Morning("Acme Widgets", 3));
        var before = (await _members.FlocksAsync(owner)).Single();

        await _members.ReceiveAsync(owner, From("Dora Fourth", "Acme Widgets", Monday.AddHours(12)));

        var after = (await _members.FlocksAsync(owner)).Should().ContainSingle().Subject;
        after.Id.Should().Be(before.Id);
        after.Members.Should().HaveCount(4);
        after.SenderCount.Should().Be(4);
        (await _members.EventsAsync(owner)).Should().Contain(e => e.Kind == FlagEventKind.FlockGrew && e.FlockId == before.Id);
    }

    [Fact]
    public async Task ANewMemberOfAResolvedFlock_ReopensItWithOnlyThatMemberPending()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, Morning("Acme Widgets", 3));
        var flock = (await _members.FlocksAsync(owner)).Single();
        await Triage.ActOnFlockAsync(owner, "me", flock.Id, TriageAction.NotKnown, CancellationToken.None);

        await _members.ReceiveAsync(owner, From("Dora Fourth", "Acme Widgets", Monday.AddHours(12)));

        (await _members.FlocksAsync(owner)).Single().Status.Should().Be(FlockStatus.Open);
        var statuses = (await _members.InvitationsAsync(owner)).Select(i => i.Status).ToList();
        statuses.Should().Equal(InvitationStatus.NotKnown, InvitationStatus.NotKnown, InvitationStatus.NotKnown, InvitationStatus.Pending);
        (await _members.EventsAsync(owner)).Should().Contain(e => e.Kind == FlagEventKind.FlockReopened && e.FlockId == flock.Id);
    }

    [Fact]
    public async Task ABridgingInvitation_MergesTwoFlocksIntoTheOlderOne()
    {
        var owner = await _members.AddAsync();
        var evening = Monday.AddDays(1).AddHours(13);
        await _members.ReceiveAsync(owner, [.. Anchors(), .. Morning("Acme Widgets", 4)]);
        await _members.ReceiveAsync(owner, [.. Enumerable.Range(0, 4).Select(i => From($"Late {i}", "Acme Widgets", evening.AddMinutes(15 * i)))]);
        var separate = await _members.FlocksAsync(owner, FlockStatus.Open);
        separate.Should().HaveCount(2, "27 hours apart, the two bursts are two flocks");

        await _members.ReceiveAsync(owner, From("Bridge Builder", "Acme Widgets", Monday.AddHours(22)));

        var merged = (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Subject;
        merged.Id.Should().Be(separate[0].Id);
        merged.Members.Should().HaveCount(9);
        (await _members.FlocksAsync(owner)).Should().NotContain(f => f.Id == separate[1].Id, "the absorbed flock lives on in history only");
        (await _members.EventsAsync(owner)).Should().Contain(e => e.Kind == FlagEventKind.FlockMerged && e.FlockId == merged.Id && e.Summary.Contains($"#{separate[1].Id}"));
    }

    [Fact]
    public async Task LaterDataShowingTheCompanyInvitesOften_WithdrawsTheFlag()
    {
        var owner = await _members.AddAsync();
        var burst = Monday.AddDays(90);
        await _members.ReceiveAsync(owner, Morning("Busy Corp", 3, burst));
        var flock = (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Subject;

        // One invitation every other day for 90 days on either side: B ≈ 90, so 3 senders in a day are no surprise.
        var everyOtherDay = Enumerable.Range(0, 90)
            .Select(i => From($"Regular {i}", "Busy Corp", Monday.AddDays(2 * i).AddHours(i < 45 ? 12 : 14)))
            .Where(d => (d.SentAt - burst).Duration() > TimeSpan.FromDays(1))
            .ToArray();
        await _members.ReceiveAsync(owner, everyOtherDay);

        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().BeEmpty();
        (await _members.FlocksAsync(owner)).Single(f => f.Id == flock.Id).Status.Should().Be(FlockStatus.Withdrawn);
        (await _members.InvitationsAsync(owner)).Should().OnlyContain(i => i.FlockId == null);
        (await _members.EventsAsync(owner)).Should().Contain(e => e.Kind == FlagEventKind.FlockWithdrawn && e.FlockId == flock.Id);
    }

    [Fact]
    public async Task ADismissedFlock_IsNeverRegroupedEvenByARebuild_AndUndoBringsItBack()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, Morning("Acme Widgets", 4));
        var flock = (await _members.FlocksAsync(owner)).Single();

        var dismissed = await Triage.ActOnFlockAsync(owner, "me", flock.Id, TriageAction.Dismiss, CancellationToken.None);
        await _store.Services.GetRequiredService<FlockDetectionService>().RebuildAsync(owner, CancellationToken.None);

        dismissed.Outcome.Should().Be(TriageOutcome.Done);
        (await _members.FlocksAsync(owner, FlockStatus.Open, FlockStatus.Resolved)).Should().BeEmpty();
        (await _members.FlocksAsync(owner)).Single().Status.Should().Be(FlockStatus.Dismissed);

        var undone = await Triage.UndoAsync(owner, "me", dismissed.EventId!.Value, CancellationToken.None);

        undone.Outcome.Should().Be(TriageOutcome.Done);
        var restored = (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Subject;
        restored.Id.Should().Be(flock.Id);
    }

    [Fact]
    public async Task Detection_NeverChangesADecidedStatus()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, Morning("Acme Widgets", 3));
        var archived = (await _members.InvitationsAsync(owner))[0];
        await Triage.ActOnInvitationsAsync(owner, "me", [archived.Id], TriageAction.Archive, CancellationToken.None);

        await _members.ReceiveAsync(owner, From("Dora Fourth", "Acme Widgets", Monday.AddHours(12)));
        await _store.Services.GetRequiredService<FlockDetectionService>().RebuildAsync(owner, CancellationToken.None);

        (await _members.InvitationsAsync(owner)).Single(i => i.Id == archived.Id).Status.Should().Be(InvitationStatus.Archived);
    }

    [Fact]
    public async Task InvitationsWithNoCompany_AreStoredAndShownButNeverGrouped()
    {
        var owner = await _members.AddAsync();
        var nameless = Enumerable.Range(0, 5)
            .Select(i => From($"Unknown {i}", "x", Monday.AddHours(9).AddMinutes(10 * i)) with { SenderCompany = null, SenderHeadline = "Open to work" })
            .ToArray();

        var summary = await _members.ReceiveAsync(owner, nameless);

        summary.Added.Should().Be(5);
        (await _members.InvitationsAsync(owner)).Should().OnlyContain(i => i.CompanyKey == null && i.FlockId == null);
        (await _members.FlocksAsync(owner)).Should().BeEmpty();
    }

    /// <summary>A firm the user never heard from: one invitation at 09:00, then colleagues every 20 minutes.</summary>
    private static Ingest.InvitationDraft[] Morning(string company, int senders, DateTime? day = null) =>
        [.. Enumerable.Range(0, senders).Select(i => From($"Colleague {i}", company, (day ?? Monday).AddHours(9).AddMinutes(20 * i), line: i + 1))];

    /// <summary>Invitations from elsewhere two months either side, so the user's data covers a realistic period.</summary>
    private static Ingest.InvitationDraft[] Anchors() =>
        [From("Old Friend", "Elsewhere", Monday.AddDays(-60)), From("New Friend", "Elsewhere", Monday.AddDays(60))];
}
