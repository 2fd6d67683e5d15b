using System.Globalization;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.History;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Demo;
using InviteTriage.Data.Imports;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Demo;

public abstract class DemoDataServiceTests
{
    public sealed class OnSqlite(SqliteStore store) : DemoDataServiceTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : DemoDataServiceTests(store), IClassFixture<PostgresStore>;

    private static readonly DateTimeOffset Now = new(2026, 3, 18, 10, 30, 0, TimeSpan.Zero);

    private readonly TriageStore _store;
    private readonly Members _members;
    private readonly DemoDataService _demo;

    protected DemoDataServiceTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
        _demo = new DemoDataService(store.Services.GetRequiredService<ImportService>(), new FixedTime(Now));
    }

    [Fact]
    public async Task LoadAsync_EmptyInbox_AddsAFewHundredDemoInvitationsOverMonthsEndingYesterday()
    {
        var owner = await _members.AddAsync();

        var summary = await _demo.LoadAsync(owner, "demo@example.com", CancellationToken.None);

        var invitations = await _members.InvitationsAsync(owner);
        summary.Failed.Should().BeFalse(summary.Error);
        summary.Rejected.Should().BeEmpty();
        summary.Added.Should().Be(invitations.Count).And.BeInRange(200, 600);
        (invitations[^1].SentAt - invitations[0].SentAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromDays(60));
        invitations[^1].SentAt.Date.Should().Be(new DateTime(2026, 3, 17, 0, 0, 0, DateTimeKind.Utc));
        invitations.Should().OnlyContain(i => i.Source == InvitationSource.Demo && i.Status == InvitationStatus.Pending);
    }

    [Fact]
    public async Task LoadAsync_EmptyInbox_OpensThePlannedFlocksAtLeastOneLikelyAndOneReview()
    {
        var owner = await _members.AddAsync();
        var plan = DemoInbox.Generate(DemoInbox.SeedFor(owner), Now);

        await _demo.LoadAsync(owner, "demo@example.com", CancellationToken.None);

        var flocks = await _members.FlocksAsync(owner, FlockStatus.Open);
        var found = Found(owner, flocks);
        flocks.Should().HaveCountGreaterThanOrEqualTo(3, "{0}", found);
        flocks.Should().Contain(f => f.Severity == FlockSeverity.Likely, "{0}", found).And.Contain(f => f.Severity == FlockSeverity.Review, "{0}", found);
        flocks.Select(f => new { f.CompanyKey, Senders = f.SenderCount, f.Score, f.Severity })
            .Should().BeEquivalentTo(plan.Flocks.Select(f => new { f.CompanyKey, f.Senders, f.Score, f.Severity }), "{0}", found);
        flocks.Single(f => f.SenderCount == 5).Reasons.Select(r => r.Rule)
            .Should().Equal([FlagRules.FlockCompany, FlagRules.GenericText, FlagRules.RepeatInvite], "{0}", found);
    }

    [Fact]
    public async Task LoadAsync_NearMisses_AreInTheInboxButNotFlocks()
    {
        var owner = await _members.AddAsync();
        var nearMisses = DemoInbox.Generate(DemoInbox.SeedFor(owner), Now).NearMisses;
        var keys = nearMisses.Select(n => n.CompanyKey).ToList();

        await _demo.LoadAsync(owner, "demo@example.com", CancellationToken.None);

        var invitations = await _members.InvitationsAsync(owner);
        keys.Should().HaveCount(3).And.OnlyContain(key => invitations.Count(i => i.CompanyKey == key) >= 2);
        (await _members.FlocksAsync(owner)).Select(f => f.CompanyKey).Should().NotIntersectWith(keys, string.Join("; ", nearMisses.Select(n => n.Story)));
        invitations.Where(i => keys.Contains(i.CompanyKey!)).Should().OnlyContain(i => i.FlockId == null);
    }

    [Fact]
    public async Task LoadAsync_Twice_AddsNothingTheSecondTime()
    {
        var owner = await _members.AddAsync();
        var first = await _demo.LoadAsync(owner, "demo@example.com", CancellationToken.None);
        var flocksBefore = await _members.FlocksAsync(owner);

        var second = await _demo.LoadAsync(owner, "demo@example.com", CancellationToken.None);

        second.Added.Should().Be(0);
        second.Duplicates.Should().Be(first.Added);
        (await _members.InvitationsAsync(owner)).Should().HaveCount(first.Added);
        (await _members.FlocksAsync(owner)).Select(f => (f.Id, f.SenderCount, f.Score)).Should().Equal(flocksBefore.Select(f => (f.Id, f.SenderCount, f.Score)));
    }

    [Fact]
    public async Task LoadAsync_AWeekLater_StillAddsNothing()
    {
        var owner = await _members.AddAsync();
        var first = await _demo.LoadAsync(owner, "demo@example.com", CancellationToken.None);
        var weekLater = new DemoDataService(_store.Services.GetRequiredService<ImportService>(), new FixedTime(Now.AddDays(7)));

        var second = await weekLater.LoadAsync(owner, "demo@example.com", CancellationToken.None);

        second.Added.Should().Be(0);
        second.Duplicates.Should().Be(first.Added);
    }

    [Fact]
    public async Task LoadAsync_EmptyInbox_RecordsOneImportedEventByTheActor()
    {
        var owner = await _members.AddAsync();

        var summary = await _demo.LoadAsync(owner, "demo@example.com", CancellationToken.None);

        var imported = (await _members.EventsAsync(owner)).Should().ContainSingle(e => e.Kind == FlagEventKind.Imported).Subject;
        imported.Actor.Should().Be("demo@example.com");
        imported.ImportBatchId.Should().Be(summary.BatchId);
    }

    [Fact]
    public async Task DemoDataService_FromTheContainer_LoadsForAnyMember()
    {
        var owner = await _members.AddAsync();
        var demo = _store.Services.GetRequiredService<DemoDataService>();

        var summary = await demo.LoadAsync(owner, "demo@example.com", CancellationToken.None);

        summary.Added.Should().BeGreaterThan(0);
        (await _members.InvitationsAsync(owner)).Max(i => i.SentAt).Should().BeBefore(DateTime.UtcNow.Date);
    }

    // The inbox is seeded by the member's id, a new one in each run, and other members of the store load theirs too: a
    // failure names the seed and every flock with its reasons, so that it can be told apart and generated again.
    private static string Found(string owner, IEnumerable<Flock> flocks) =>
        string.Create(CultureInfo.InvariantCulture, $"member {owner} has the demo of seed {DemoInbox.SeedFor(owner)}, which opened: ")
        + string.Join("; ", flocks.Select(f => string.Create(
            CultureInfo.InvariantCulture, $"{f.CompanyKey} {f.SenderCount} senders {f.Score} {f.Severity}: {string.Join(" | ", f.Reasons)}")));
}
