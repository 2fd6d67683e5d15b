using InviteTriage.Core.Flocks;
using InviteTriage.Data.Flocks;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Flocks;

/// <summary>The Flocks page reads its cards a batch at a time, and opens a linked flock at its rank.</summary>
public abstract class FlockQueriesTests
{
    public sealed class OnSqlite(SqliteStore store) : FlockQueriesTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : FlockQueriesTests(store), IClassFixture<PostgresStore>;

    private readonly Members _members;
    private readonly FlockQueries _queries;

    protected FlockQueriesTests(TriageStore store)
    {
        _members = new Members(store);
        _queries = store.Services.GetRequiredService<FlockQueries>();
    }

    [Fact]
    public async Task RangeAsync_ReadsAStretchOfTheList_InItsOrder_WithTheTabsTotal()
    {
        var owner = await FlocksOfSevenAsync();
        var all = await _queries.ListAsync(owner, FlockStatus.Open, CancellationToken.None);

        var middle = await _queries.RangeAsync(owner, FlockStatus.Open, 2, 3, CancellationToken.None);
        var end = await _queries.RangeAsync(owner, FlockStatus.Open, 5, 50, CancellationToken.None);
        var beyond = await _queries.RangeAsync(owner, FlockStatus.Open, 50, 50, CancellationToken.None);

        all.Should().HaveCount(7);
        middle.Items.Select(f => f.Id).Should().Equal(all.Skip(2).Take(3).Select(f => f.Id));
        middle.Total.Should().Be(7);
        end.Items.Select(f => f.Id).Should().Equal(all.Skip(5).Select(f => f.Id));
        end.Items.Should().OnlyContain(f => f.Members.Count == 4, "each card comes with its members");
        beyond.Items.Should().BeEmpty();
        beyond.Total.Should().Be(7);
    }

    [Fact]
    public async Task RankAsync_IsEachFlocksPlaceInItsTabsList_TiesIncluded()
    {
        var owner = await FlocksOfSevenAsync();
        var all = await _queries.ListAsync(owner, FlockStatus.Open, CancellationToken.None);
        all.GroupBy(f => (f.Score, f.FirstSentAt)).Should().Contain(g => g.Count() > 1, "the order's last key, the id, must be tested too");

        var ranks = new List<FlockRank?>();
        foreach (var flock in all)
        {
            ranks.Add(await _queries.RankAsync(owner, flock.Id, CancellationToken.None));
        }

        ranks.Should().Equal(all.Select((_, index) => new FlockRank(FlockStatus.Open, index)));
    }

    [Fact]
    public async Task RankAsync_AnotherMembersFlock_IsNull()
    {
        var owner = await FlocksOfSevenAsync();
        var other = await _members.AddAsync();
        var flock = (await _members.FlocksAsync(owner))[0];

        var rank = await _queries.RankAsync(other, flock.Id, CancellationToken.None);

        rank.Should().BeNull();
    }

    // Seven flocks of four colleagues each; companies in pairs arrive at the same hours, so pairs tie on score and time.
    private async Task<string> FlocksOfSevenAsync()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner,
        [
            .. Enumerable.Range(0, 7).SelectMany(f => Enumerable.Range(0, 4).Select(k =>
                From($"Colleague {k}", $"Firm {f}", Monday.AddDays(f / 2 * 3).AddHours(9).AddMinutes(25 * k)))),
        ]);
        return owner;
    }
}
