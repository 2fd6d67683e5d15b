using InviteTriage.Core.History;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Triage;
using InviteTriage.Data.History;
using InviteTriage.Data.Triage;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Triage;

/// <summary>
/// Two clients decide on the same flock at the same moment, one accepting and one archiving, a hundred times over, on
/// one SQLite file through the real services: each on its own connection, as two requests or two circuits would be.
/// </summary>
public abstract class ConcurrentDecisionsTests
{
    public sealed class OnSqlite(SqliteStore store) : ConcurrentDecisionsTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : ConcurrentDecisionsTests(store), IClassFixture<PostgresStore>;

    private const int Rounds = 100;
    private readonly Members _members;
    private readonly TriageService _triage;

    protected ConcurrentDecisionsTests(TriageStore store)
    {
        _members = new Members(store);
        _triage = store.Services.GetRequiredService<TriageService>();
    }

    [Fact]
    public async Task AcceptAgainstArchive_AHundredTimes_KeepsEveryEventAndEndsAsTheLastCommittedDecision()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, [.. Enumerable.Range(0, 4).Select(i => From($"Colleague {i}", "Harrow & Vane", Monday.AddHours(9).AddMinutes(25 * i)))]);
        var flockId = (await _members.FlocksAsync(owner)).Single().Id;
        var told = new List<(long EventId, InvitationStatus Target)>();

        for (var round = 0; round < Rounds; round++)
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var accept = Task.Run(async () => { await start.Task; return await _triage.ActOnFlockAsync(owner, "client-a", flockId, TriageAction.Accept, CancellationToken.None); });
            var archive = Task.Run(async () => { await start.Task; return await _triage.ActOnFlockAsync(owner, "client-b", flockId, TriageAction.Archive, CancellationToken.None); });
            start.SetResult();

            var results = await Task.WhenAll(accept, archive);

            results.Should().OnlyContain(r => r.Outcome == TriageOutcome.Done, $"round {round}: {string.Join(" / ", results.Select(r => r.Message))}");
            results.Count(r => r.Changed > 0).Should().Be(1, $"round {round}: a flock decision answers its pending members, so whichever commits second finds none left");
            var (winner, target) = results[0].Changed > 0 ? (results[0], InvitationStatus.Accepted) : (results[1], InvitationStatus.Archived);
            told.Add((winner.EventId!.Value, target));
            (await _members.InvitationsAsync(owner)).Should().OnlyContain(i => i.Status == target, $"round {round} ended with the decision that committed");

            var restore = await _triage.ActOnFlockAsync(owner, "client-a", flockId, TriageAction.Restore, CancellationToken.None);
            restore.Changed.Should().Be(4);
            told.Add((restore.EventId!.Value, InvitationStatus.Pending));
        }

        var decisions = (await _members.EventsAsync(owner)).Where(e => e.Kind == FlagEventKind.StatusChanged).ToList();
        decisions.Select(e => e.Id).Should().Equal(told.Select(t => t.EventId), "every decision a client was told of is in the history, in order, and nothing else");
        foreach (var (change, (_, target)) in decisions.Zip(told))
        {
            change.Changes.Should().HaveCount(4).And.OnlyContain(c => c.After == StatusNames.Of(target));
        }
    }

    [Fact]
    public async Task TheSameUndoTwiceAtOnce_AHundredTimes_UndoesOnce()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, [.. Enumerable.Range(0, 4).Select(i => From($"Colleague {i}", "Quell & Pike", Monday.AddHours(9).AddMinutes(25 * i)))]);
        var flockId = (await _members.FlocksAsync(owner)).Single().Id;

        for (var round = 0; round < Rounds; round++)
        {
            var decision = await _triage.ActOnFlockAsync(owner, "me", flockId, TriageAction.Archive, CancellationToken.None);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var undos = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await _triage.UndoAsync(owner, "me", decision.EventId!.Value, CancellationToken.None);
            })).ToList();
            start.SetResult();

            var results = await Task.WhenAll(undos);

            results.Count(r => r.Outcome == TriageOutcome.Done).Should().Be(1, $"round {round}: {string.Join(" / ", results.Select(r => r.Message))}");
            (await _members.InvitationsAsync(owner)).Should().OnlyContain(i => i.Status == InvitationStatus.Pending);
        }

        var events = await _members.EventsAsync(owner);
        events.Where(e => e.Kind == FlagEventKind.Undone).GroupBy(e => e.UndoesEventId).Should().OnlyContain(g => g.Count() == 1, "no decision is undone twice");
    }
}
