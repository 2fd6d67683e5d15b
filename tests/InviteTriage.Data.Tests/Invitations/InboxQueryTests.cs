using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Triage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Invitations;

/// <summary>The inbox's tabs, filters, orders and counts, over invitations that went through the real import and detection.</summary>
public abstract class InboxQueryTests
{
    /// <summary>The plans are SQLite's; PostgreSQL chooses its plans by statistics, which a small test store does not have.</summary>
    public sealed class OnSqlite(SqliteStore store) : InboxQueryTests(store), IClassFixture<SqliteStore>
    {
        public static TheoryData<string, InvitationFilter> GridQueries() => new()
        {
            { "pending, newest first", new InvitationFilter(InvitationStatus.Pending) },
            { "flocked", new InvitationFilter(InvitationStatus.Pending) { InFlock = true } },
            { "accepted", new InvitationFilter(InvitationStatus.Accepted) },
            { "all, newest first", new InvitationFilter() },
            { "all, oldest first", new InvitationFilter { Descending = false } },
            { "all, by sender", new InvitationFilter { Sort = InvitationSort.Sender } },
            { "all, by company", new InvitationFilter { Sort = InvitationSort.Company, Descending = false } },
            { "all, by status", new InvitationFilter { Sort = InvitationSort.Status } },
            { "pending, a later page", new InvitationFilter(InvitationStatus.Pending, Page: 40) },
            { "pending, sent in a range", new InvitationFilter(InvitationStatus.Pending) { From = Monday.AddDays(-30), To = Monday } },
            { "all, likely flocks", new InvitationFilter { Severity = FlockSeverity.Likely } },
        };

        /// <summary>
        /// SQLite's own plan for each grid query: every read of Invitations goes through an index that starts with the
        /// owner, and the page comes out in index order, never through a sort of the whole table.
        /// </summary>
        [Theory]
        [MemberData(nameof(GridQueries))]
        public async Task GridQueries_UseIndexes(string name, InvitationFilter filter)
        {
            await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
            var (matching, page) = InvitationQueries.PageQueries(db, "owner-id", filter);

            var countPlan = await PlanAsync(db, matching.Select(i => i.Id));
            var pagePlan = await PlanAsync(db, page);

            foreach (var (plan, what) in new[] { (countPlan, "count"), (pagePlan, "page") })
            {
                plan.Should().Contain(step => step.Contains("Invitations", StringComparison.Ordinal), $"{name}: the {what} reads Invitations");
                plan.Where(step => step.Contains(" i ", StringComparison.Ordinal) || step.EndsWith(" i", StringComparison.Ordinal))
                    .Should().OnlyContain(step => step.Contains("USING", StringComparison.Ordinal) && step.Contains("INDEX", StringComparison.Ordinal),
                        $"{name}: the {what} must read invitations through an index, but the plan was {string.Join(" / ", plan)}");
            }

            pagePlan.Should().NotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal),
                $"{name}: the page must come in index order, but the plan was {string.Join(" / ", pagePlan)}");
        }

        public static TheoryData<string, InvitationFilter> CountFilters() => new()
        {
            { "no filter", new InvitationFilter() },
            { "a source", new InvitationFilter { Source = InvitationSource.Csv } },
            { "sent in a range", new InvitationFilter { From = Monday.AddDays(-30), To = Monday } },
        };

        /// <summary>The tab counts read the owner's status index only, and count flocked invitations from the owner's flocks.</summary>
        [Theory]
        [MemberData(nameof(CountFilters))]
        public async Task CountQueries_UseIndexes(string name, InvitationFilter filter)
        {
            await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
            var (statuses, flocked) = InvitationQueries.CountQueries(db, "owner-id", filter);

            var statusPlan = await PlanAsync(db, statuses.GroupBy(s => s).Select(g => new { g.Key, Count = g.Count() }));
            var flockedPlan = await PlanAsync(db, flocked);

            statusPlan.Should().Contain(step => step.StartsWith("SEARCH i USING", StringComparison.Ordinal) && step.Contains("INDEX IX_Invitations_OwnerId", StringComparison.Ordinal),
                $"{name}: {string.Join(" / ", statusPlan)}");
            statusPlan.Should().NotContain(step => step.StartsWith("SCAN i", StringComparison.Ordinal), $"{name}: {string.Join(" / ", statusPlan)}");
            flockedPlan.Should().Contain(step => step.Contains("USING INDEX IX_Invitations_FlockId", StringComparison.Ordinal),
                $"{name}: flocked invitations are reached from flocks, but the plan was {string.Join(" / ", flockedPlan)}");
        }

        /// <summary>Runs EXPLAIN QUERY PLAN on the SQL EF Core generates, with its parameters, and returns each step's detail.</summary>
        private static async Task<List<string>> PlanAsync<T>(TriageDbContext db, IQueryable<T> query)
        {
            var lines = query.ToQueryString().Split('\n');
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param set ", StringComparison.Ordinal)));
            foreach (var line in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
            {
                var parts = line.Split(' ', 4);
                var value = parts[3].Trim();
                command.Parameters.AddWithValue(parts[2], value.StartsWith('\'') ? value.Trim('\'') : long.TryParse(value, out var number) ? number : value);
            }

            var steps = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }

            return steps;
        }
    }

    public sealed class OnPostgres(PostgresStore store) : InboxQueryTests(store), IClassFixture<PostgresStore>;

    private readonly TriageStore _store;
    private readonly Members _members;
    private readonly InvitationQueries _queries;

    protected InboxQueryTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
        _queries = store.Services.GetRequiredService<InvitationQueries>();
    }

    [Fact]
    public async Task CountAsync_GivesEveryTabItsCount_WhateverTabTheFilterIsOn()
    {
        var owner = await InboxAsync();
        var loner = (await _members.InvitationsAsync(owner)).Single(i => i.SenderName == "Lone Wolf");
        await _store.Services.GetRequiredService<TriageService>()
            .ActOnInvitationsAsync(owner, "me", [loner.Id], TriageAction.Archive, CancellationToken.None);

        var onAll = await _queries.CountAsync(owner, new InvitationFilter(), CancellationToken.None);
        var onFlocked = await _queries.CountAsync(owner, new InvitationFilter(InvitationStatus.Pending) { InFlock = true }, CancellationToken.None);

        onAll.Should().Be(new InboxCounts(Pending: 4, Flocked: 3, Accepted: 0, Archived: 1, NotKnown: 0, All: 5));
        onFlocked.Should().Be(onAll);
    }

    [Fact]
    public async Task CountAsync_HonoursTheOtherFilters()
    {
        var owner = await InboxAsync();

        var counts = await _queries.CountAsync(owner, new InvitationFilter(Search: "wolf"), CancellationToken.None);

        counts.Should().Be(new InboxCounts(1, 0, 0, 0, 0, 1));
    }

    [Fact]
    public async Task ListAsync_FlockedTab_ListsPendingFlockMembersWithTheirSeverity()
    {
        var owner = await InboxAsync();

        var page = await _queries.ListAsync(owner, new InvitationFilter(InvitationStatus.Pending) { InFlock = true }, CancellationToken.None);

        page.Total.Should().Be(3);
        page.Items.Should().OnlyContain(i => i.FlockId != null && i.FlockSeverity != null && i.Company == "Pellmore Rusk");
    }

    [Fact]
    public async Task ListAsync_SeverityFilter_KeepsOnlyFlocksOfThatSeverity()
    {
        var owner = await InboxAsync();
        var severity = (await _members.FlocksAsync(owner)).Single().Severity;
        var other = severity == FlockSeverity.Likely ? FlockSeverity.Review : FlockSeverity.Likely;

        var same = await _queries.ListAsync(owner, new InvitationFilter { Severity = severity }, CancellationToken.None);
        var none = await _queries.ListAsync(owner, new InvitationFilter { Severity = other }, CancellationToken.None);

        same.Total.Should().Be(3);
        none.Total.Should().Be(0);
    }

    [Fact]
    public async Task ListAsync_SourceAndDateFilters_Narrow()
    {
        var owner = await InboxAsync();

        var json = await _queries.ListAsync(owner, new InvitationFilter { Source = InvitationSource.Json }, CancellationToken.None);
        var csv = await _queries.ListAsync(owner, new InvitationFilter { Source = InvitationSource.Csv }, CancellationToken.None);
        var lastWeek = await _queries.ListAsync(owner, new InvitationFilter { From = Monday.AddDays(-7), To = Monday }, CancellationToken.None);

        json.Total.Should().Be(5);
        csv.Total.Should().Be(0);
        lastWeek.Items.Select(i => i.SenderName).Should().Equal("Lone Wolf");
    }

    [Theory]
    [InlineData(InvitationSort.Sender, false, new[] { "Ada Quill", "Bo Ray", "Cy Tan", "Dee North", "Lone Wolf" })]
    [InlineData(InvitationSort.Sender, true, new[] { "Lone Wolf", "Dee North", "Cy Tan", "Bo Ray", "Ada Quill" })]
    [InlineData(InvitationSort.Sent, false, new[] { "Lone Wolf", "Ada Quill", "Bo Ray", "Cy Tan", "Dee North" })]
    [InlineData(InvitationSort.Company, false, new[] { "Dee North", "Ada Quill", "Bo Ray", "Cy Tan", "Lone Wolf" })]
    public async Task ListAsync_Sorts(InvitationSort sort, bool descending, string[] expected)
    {
        var owner = await InboxAsync();

        var page = await _queries.ListAsync(owner, new InvitationFilter { Sort = sort, Descending = descending }, CancellationToken.None);

        page.Items.Select(i => i.SenderName).Should().Equal(expected);
    }

    [Fact]
    public async Task ListAsync_MarksGenericMessages()
    {
        var owner = await InboxAsync();

        var page = await _queries.ListAsync(owner, new InvitationFilter(), CancellationToken.None);

        page.Items.Single(i => i.SenderName == "Dee North").MessageClass.Should().Be(MessageClass.Personal);
        page.Items.Single(i => i.SenderName == "Ada Quill").MessageClass.Should().Be(MessageClass.Generic);
    }

    /// <summary>
    /// Four invitations from Pellmore Rusk on Monday morning, three of them within the hour (a flock), one a day later
    /// from a second company, and one a week before from a lone sender.
    /// </summary>
    [Fact]
    public async Task InboxPager_CountsWithTheFirstPage_ReusesThemWhilePaging_AndRecountsWhenAsked()
    {
        var owner = await InboxAsync();
        var pager = new InboxPager(_queries, owner);
        var pending = new InvitationFilter(InvitationStatus.Pending, PageSize: 2);

        var first = await pager.PageAsync(pending, CancellationToken.None);
        first.Total.Should().Be(5);
        pager.Counts!.Pending.Should().Be(5);

        // A change the pager is not told of: later pages keep the counts they were shown with.
        var loner = (await _members.InvitationsAsync(owner)).Single(i => i.SenderName == "Lone Wolf");
        await _store.Services.GetRequiredService<TriageService>()
            .ActOnInvitationsAsync(owner, "me", [loner.Id], TriageAction.Archive, CancellationToken.None);
        var second = await pager.PageAsync(pending with { Page = 2 }, CancellationToken.None);
        (second.Total, pager.Counts.Pending).Should().Be((5, 5));

        pager.Recount();
        var recounted = await pager.PageAsync(pending with { Page = 2 }, CancellationToken.None);
        (recounted.Total, pager.Counts.Pending, pager.Counts.Archived).Should().Be((4, 4, 1));

        var searched = await pager.PageAsync(pending with { Page = 2, Search = "Pellmore" }, CancellationToken.None);
        (searched.Total, pager.Counts.All).Should().Be((3, 3), "another filter is counted afresh, whatever the page");
    }

    private async Task<string> InboxAsync()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Pellmore Rusk", Monday.AddHours(9)),
            From("Bo Ray", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(20)),
            From("Cy Tan", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(40)),
            From("Dee North", "Anvil Works", Monday.AddDays(1), "Great to meet you at the Leeds meetup last week, Sam!"),
            From("Lone Wolf", "Zeta Labs", Monday.AddDays(-3)));
        return owner;
    }
}
