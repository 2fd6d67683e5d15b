using InviteTriage.Core.History;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Triage;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Triage;

public abstract class TriageServiceTests
{
    public sealed class OnSqlite(SqliteStore store) : TriageServiceTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : TriageServiceTests(store), IClassFixture<PostgresStore>;

    private readonly Members _members;
    private readonly TriageService _triage;

    protected TriageServiceTests(TriageStore store)
    {
        _members = new Members(store);
        _triage = store.Services.GetRequiredService<TriageService>();
    }

    [Fact]
    public async Task ActOnFlockAsync_NotKnown_MarksEveryPendingMemberInOneEvent()
    {
        var (owner, flockId) = await FlockAsync(4);

        var result = await _triage.ActOnFlockAsync(owner, "me", flockId, TriageAction.NotKnown, CancellationToken.None);

        result.Outcome.Should().Be(TriageOutcome.Done);
        result.Changed.Should().Be(4);
        (await _members.InvitationsAsync(owner)).Should().OnlyContain(i => i.Status == InvitationStatus.NotKnown);
        var change = (await _members.EventsAsync(owner)).Single(e => e.Id == result.EventId);
        change.Kind.Should().Be(FlagEventKind.StatusChanged);
        change.Changes.Should().HaveCount(4).And.OnlyContain(c => c.Before == "pending" && c.After == "not-known");
    }

    [Fact]
    public async Task ActOnInvitationsAsync_ManyIds_WritesOneEventWithARowEach()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, [.. Enumerable.Range(0, 300).Select(i => From($"Sender {i}", $"Firm {i}", Monday.AddHours(i)))]);
        var ids = (await _members.InvitationsAsync(owner)).Select(i => i.Id).ToList();

        var result = await _triage.ActOnInvitationsAsync(owner, "me", ids, TriageAction.Archive, CancellationToken.None);

        result.Changed.Should().Be(300);
        var events = (await _members.EventsAsync(owner)).Where(e => e.Kind == FlagEventKind.StatusChanged).ToList();
        events.Should().ContainSingle().Which.Changes.Should().HaveCount(300);
    }

    [Fact]
    public async Task ActOnInvitationsAsync_MixOfOwnAndForeignIds_ChangesNothing()
    {
        var (owner, _) = await FlockAsync(3);
        var (stranger, _) = await FlockAsync(3);
        var mine = (await _members.InvitationsAsync(owner)).Select(i => i.Id).ToList();
        var theirs = (await _members.InvitationsAsync(stranger)).Select(i => i.Id).ToList();

        var result = await _triage.ActOnInvitationsAsync(owner, "me", [.. mine, theirs[0]], TriageAction.Accept, CancellationToken.None);

        result.Outcome.Should().Be(TriageOutcome.NotFound);
        (await _members.InvitationsAsync(owner)).Should().OnlyContain(i => i.Status == InvitationStatus.Pending);
        (await _members.InvitationsAsync(stranger)).Should().OnlyContain(i => i.Status == InvitationStatus.Pending);
    }

    [Fact]
    public async Task ActOnInvitationsAsync_MoreIdsThanSqliteTakesParameters_AnswersInsteadOfFailing()
    {
        var owner = await _members.AddAsync();
        var ids = Enumerable.Range(1_000_000, 40_000).Select(i => (long)i).ToList();

        var result = await _triage.ActOnInvitationsAsync(owner, "me", ids, TriageAction.Archive, CancellationToken.None);

        result.Outcome.Should().Be(TriageOutcome.NotFound);
    }

    [Fact]
    public async Task ActOnFlockAsync_SomeoneElsesFlock_IsNotFound()
    {
        var (_, theirFlock) = await FlockAsync(3);
        var intruder = await _members.AddAsync();

        var result = await _triage.ActOnFlockAsync(intruder, "me", theirFlock, TriageAction.Archive, CancellationToken.None);

        result.Outcome.Should().Be(TriageOutcome.NotFound);
    }

    [Fact]
    public async Task ActOnInvitationsAsync_Dismiss_IsRefusedBecauseItIsForFlocks()
    {
        var (owner, _) = await FlockAsync(3);
        var ids = (await _members.InvitationsAsync(owner)).Select(i => i.Id).ToList();

        var result = await _triage.ActOnInvitationsAsync(owner, "me", ids, TriageAction.Dismiss, CancellationToken.None);

        result.Outcome.Should().Be(TriageOutcome.Invalid);
    }

    [Fact]
    public async Task UndoAsync_ADecision_RestoresTheBeforeStatesAsANewEvent()
    {
        var (owner, flockId) = await FlockAsync(3);
        var decision = await _triage.ActOnFlockAsync(owner, "me", flockId, TriageAction.Archive, CancellationToken.None);

        var undo = await _triage.UndoAsync(owner, "me", decision.EventId!.Value, CancellationToken.None);

        undo.Outcome.Should().Be(TriageOutcome.Done);
        (await _members.InvitationsAsync(owner)).Should().OnlyContain(i => i.Status == InvitationStatus.Pending);
        (await _members.FlocksAsync(owner)).Single().Status.Should().Be(Core.Flocks.FlockStatus.Open);
        var undone = (await _members.EventsAsync(owner)).Single(e => e.Kind == FlagEventKind.Undone);
        undone.UndoesEventId.Should().Be(decision.EventId);
        undone.Changes.Should().HaveCount(3).And.OnlyContain(c => c.Before == "archived" && c.After == "pending");
    }

    [Fact]
    public async Task UndoAsync_AfterALaterChangeToOneInvitation_RestoresNothingAndNamesIt()
    {
        var (owner, flockId) = await FlockAsync(3);
        var decision = await _triage.ActOnFlockAsync(owner, "me", flockId, TriageAction.Archive, CancellationToken.None);
        var changed = (await _members.InvitationsAsync(owner))[1].Id;
        await _triage.ActOnInvitationsAsync(owner, "me", [changed], TriageAction.Accept, CancellationToken.None);

        var undo = await _triage.UndoAsync(owner, "me", decision.EventId!.Value, CancellationToken.None);

        undo.Outcome.Should().Be(TriageOutcome.Conflict);
        undo.Conflicts.Should().Equal(changed);
        undo.Message.Should().Contain(changed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var statuses = (await _members.InvitationsAsync(owner)).Select(i => i.Status).ToList();
        statuses.Should().Equal(InvitationStatus.Archived, InvitationStatus.Accepted, InvitationStatus.Archived);
    }

    [Fact]
    public async Task UndoAsync_Twice_IsRefusedTheSecondTime()
    {
        var (owner, flockId) = await FlockAsync(3);
        var decision = await _triage.ActOnFlockAsync(owner, "me", flockId, TriageAction.Accept, CancellationToken.None);
        await _triage.UndoAsync(owner, "me", decision.EventId!.Value, CancellationToken.None);

        var again = await _triage.UndoAsync(owner, "me", decision.EventId!.Value, CancellationToken.None);

        again.Outcome.Should().Be(TriageOutcome.Invalid);
        again.Message.Should().Contain("already undone");
    }

    [Fact]
    public async Task UndoAsync_ADetectionEvent_IsRefusedWithTheReason()
    {
        var (owner, _) = await FlockAsync(3);
        var detected = (await _members.EventsAsync(owner)).Single(e => e.Kind == FlagEventKind.FlockDetected);

        var undo = await _triage.UndoAsync(owner, "me", detected.Id, CancellationToken.None);

        undo.Outcome.Should().Be(TriageOutcome.Invalid);
        undo.Message.Should().Contain("dismiss");
    }

    [Fact]
    public async Task UndoAsync_SomeoneElsesEvent_IsNotFound()
    {
        var (owner, flockId) = await FlockAsync(3);
        var decision = await _triage.ActOnFlockAsync(owner, "me", flockId, TriageAction.Accept, CancellationToken.None);
        var intruder = await _members.AddAsync();

        var undo = await _triage.UndoAsync(intruder, "me", decision.EventId!.Value, CancellationToken.None);

        undo.Outcome.Should().Be(TriageOutcome.NotFound);
        (await _members.InvitationsAsync(owner)).Should().OnlyContain(i => i.Status == InvitationStatus.Accepted);
    }

    [Fact]
    public async Task ActOnInvitationsAsync_WhatThePageSawHasChangedSince_ChangesNothingAndNamesThem()
    {
        var (owner, _) = await FlockAsync(3);
        var invitations = await _members.InvitationsAsync(owner);
        var seen = invitations.ToDictionary(i => i.Id, i => i.Status);
        var elsewhere = invitations[0];
        await _triage.ActOnInvitationsAsync(owner, "other tab", [elsewhere.Id], TriageAction.Accept, CancellationToken.None);

        var result = await _triage.ActOnInvitationsAsync(owner, "me", [.. seen.Keys], TriageAction.NotKnown, seen, CancellationToken.None);

        result.Outcome.Should().Be(TriageOutcome.Conflict);
        result.Conflicts.Should().Equal(elsewhere.Id);
        result.Message.Should().Contain(elsewhere.SenderName).And.Contain("nothing was changed");
        var after = await _members.InvitationsAsync(owner);
        after.Single(i => i.Id == elsewhere.Id).Status.Should().Be(InvitationStatus.Accepted);
        after.Where(i => i.Id != elsewhere.Id).Should().OnlyContain(i => i.Status == InvitationStatus.Pending);
        (await _members.EventsAsync(owner)).Count(e => e.Kind == FlagEventKind.StatusChanged).Should().Be(1);
    }

    [Fact]
    public async Task ActOnInvitationsAsync_WhatThePageSawIsCurrent_Acts()
    {
        var (owner, _) = await FlockAsync(3);
        var seen = (await _members.InvitationsAsync(owner)).ToDictionary(i => i.Id, i => i.Status);

        var result = await _triage.ActOnInvitationsAsync(owner, "me", [.. seen.Keys], TriageAction.Archive, seen, CancellationToken.None);

        result.Outcome.Should().Be(TriageOutcome.Done);
        result.Changed.Should().Be(3);
    }

    private async Task<(string Owner, long FlockId)> FlockAsync(int senders)
    {
        var owner = await _members.AddAsync();
        var company = $"Firm {Guid.NewGuid():N}"[..12];
        await _members.ReceiveAsync(owner, [.. Enumerable.Range(0, senders).Select(i => From($"Colleague {i}", company, Monday.AddHours(9).AddMinutes(20 * i)))]);
        return (owner, (await _members.FlocksAsync(owner)).Single().Id);
    }
}
