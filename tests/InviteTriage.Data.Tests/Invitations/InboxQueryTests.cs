using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Companies;
using InviteTriage.Data.History;
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
            { "flocked, oldest first", new InvitationFilter(InvitationStatus.Pending) { InFlock = true, Descending = false } },
            { "accepted", new InvitationFilter(InvitationStatus.Accepted) },
            { "all, newest first", new InvitationFilter() },
            { "all, oldest first", new InvitationFilter { Descending = false } },
            { "all, by sender", new InvitationFilter { Sort = InvitationSort.Sender } },
            { "all, by company", new InvitationFilter { Sort = InvitationSort.Company, Descending = false } },
            { "all, by company, descending", new InvitationFilter { Sort = InvitationSort.Company } },
            { "pending, by company", new InvitationFilter(InvitationStatus.Pending) { Sort = InvitationSort.Company, Descending = false } },
            { "all, by status", new InvitationFilter { Sort = InvitationSort.Status } },
            { "pending, a later page", new InvitationFilter(InvitationStatus.Pending, Page: 40) },
            { "pending, sent in a range", new InvitationFilter(InvitationStatus.Pending) { From = Monday.AddDays(-30), To = Monday } },
            { "all, likely flocks", new InvitationFilter { Severity = FlockSeverity.Likely } },
            { "a company, by company", new InvitationFilter(Company: "Pellmore") { Sort = InvitationSort.Company, Descending = false } },
        };

        /// <summary>
        /// SQLite's own plan for each grid query: every read of Invitations goes through an index that starts with the
        /// owner, and the page comes out in index order, never through a sort of the whole table. Sorting by company
        /// reads the invitations without one as a second run, in index order too.
        /// </summary>
        [Theory]
        [MemberData(nameof(GridQueries))]
        public async Task GridQueries_UseIndexes(string name, InvitationFilter filter)
        {
            await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
            var queries = InvitationQueries.PageQueries(db, "owner-id", filter);

            var plans = new List<(List<string> Plan, string What)>
            {
                (await PlanAsync(db, queries.Matching.Select(i => i.Id)), "count"),
                (await PlanAsync(db, queries.Ordered.Skip(50).Take(50)), "page"),
            };
            if (queries.CompanyLess is { } companyLess)
            {
                plans.Add((await PlanAsync(db, companyLess.Skip(50).Take(50)), "page without a company"));
            }

            foreach (var (plan, what) in plans)
            {
                plan.Should().Contain(step => step.Contains("Invitations", StringComparison.Ordinal), $"{name}: the {what} reads Invitations");
                plan.Where(step => step.Contains(" i ", StringComparison.Ordinal) || step.EndsWith(" i", StringComparison.Ordinal))
                    .Should().OnlyContain(step => step.Contains("USING", StringComparison.Ordinal) && step.Contains("INDEX", StringComparison.Ordinal),
                        $"{name}: the {what} must read invitations through an index, but the plan was {string.Join(" / ", plan)}");
            }

            foreach (var (plan, what) in plans.Skip(1))
            {
                plan.Should().NotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal),
                    $"{name}: the {what} must come in index order, but the plan was {string.Join(" / ", plan)}");
            }

            (queries.CompanyLess is not null).Should().Be(filter.Sort == InvitationSort.Company && filter.Company is null,
                $"{name}: only a company order over every company has invitations without one to add");
        }

        /// <summary>
        /// The "Flocked" tab reads the index of flock members only: the whole status index would reach every pending
        /// invitation's row to look at its FlockId.
        /// </summary>
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task FlockedTab_ReadsTheFlockMembersIndex(bool descending)
        {
            await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
            var queries = InvitationQueries.PageQueries(db, "owner-id", new InvitationFilter(InvitationStatus.Pending) { InFlock = true, Descending = descending });

            var pagePlan = await PlanAsync(db, queries.Ordered.Take(50));
            var countPlan = await PlanAsync(db, queries.Matching.Select(i => i.Id));

            pagePlan.Should().Contain(step => step.Contains("INDEX IX_Invitations_OwnerId_Status_SentAt_InFlock", StringComparison.Ordinal), string.Join(" / ", pagePlan));
            countPlan.Should().Contain(step => step.Contains("INDEX IX_Invitations_OwnerId_Status_SentAt_InFlock", StringComparison.Ordinal), string.Join(" / ", countPlan));
        }

        /// <summary>
        /// The company filter is a range of the owner's company index (a key prefix), never a scan of the member's
        /// invitations; the page sorts only the invitations of the companies it matched.
        /// </summary>
        [Theory]
        [InlineData("Jundunnor S.A.")]
        [InlineData("jund")]
        public async Task CompanyFilter_ReadsARangeOfTheCompanyIndex(string company)
        {
            await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
            var queries = InvitationQueries.PageQueries(db, "owner-id", new InvitationFilter(Company: company));

            var countPlan = await PlanAsync(db, queries.Matching.Select(i => i.Id));
            var pagePlan = await PlanAsync(db, queries.Ordered.Take(50));

            foreach (var plan in new[] { countPlan, pagePlan })
            {
                plan.Should().Contain(step => step.StartsWith("SEARCH i USING", StringComparison.Ordinal)
                    && step.Contains("INDEX IX_Invitations_OwnerId_CompanyKey_SentAt (OwnerId=? AND CompanyKey>? AND CompanyKey<?)", StringComparison.Ordinal),
                    string.Join(" / ", plan));
            }
        }

        /// <summary>
        /// A company prefix with many matches pages in its order's index and stops after the page, instead of sorting
        /// every match; its count still reads the company index.
        /// </summary>
        [Theory]
        [InlineData(InvitationSort.Sent)]
        [InlineData(InvitationSort.Sender)]
        public async Task CompanyFilter_InOrder_ReadsTheOrdersIndex(InvitationSort sort)
        {
            await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
            var queries = InvitationQueries.PageQueries(db, "owner-id", new InvitationFilter(Company: "Jundunnor") { Sort = sort }, inOrder: true);

            var countPlan = await PlanAsync(db, queries.Matching.Select(i => i.Id));
            var pagePlan = await PlanAsync(db, queries.Ordered.Take(50));

            countPlan.Should().Contain(step => step.Contains("INDEX IX_Invitations_OwnerId_CompanyKey_SentAt", StringComparison.Ordinal), string.Join(" / ", countPlan));
            pagePlan.Should().Contain(step => step.StartsWith("SEARCH i USING INDEX IX_Invitations_OwnerId_", StringComparison.Ordinal), string.Join(" / ", pagePlan))
                .And.NotContain(step => step.Contains("CompanyKey", StringComparison.Ordinal) || step.Contains("TEMP B-TREE", StringComparison.Ordinal), string.Join(" / ", pagePlan));
        }

        /// <summary>A filter that only picks a tab reads its total from the owner's tallies, never from Invitations.</summary>
        [Theory]
        [InlineData(null, false)]
        [InlineData(InvitationStatus.Pending, false)]
        [InlineData(InvitationStatus.Pending, true)]
        [InlineData(InvitationStatus.Archived, false)]
        public async Task TabTotals_ReadTheTallies(InvitationStatus? status, bool inFlock)
        {
            await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();

            var tallies = InvitationQueries.TallyQuery(db, "owner-id", new InvitationFilter(status) { InFlock = inFlock, Sort = InvitationSort.Sender, Page = 9 });
            var plan = await PlanAsync(db, tallies!);

            plan.Should().NotBeEmpty().And.OnlyContain(step => step.StartsWith("SEARCH", StringComparison.Ordinal) && step.Contains("InvitationTallies", StringComparison.Ordinal),
                string.Join(" / ", plan));
            InvitationQueries.TallyQuery(db, "owner-id", new InvitationFilter(status, Company: "Acme") { InFlock = inFlock }).Should().BeNull("a company filter is counted");
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

        /// <summary>
        /// A search of three characters or more is driven from the trigram table: invitations are read by id among its
        /// matches, never by walking the owner's rows and testing each. A shorter one, which the table cannot answer,
        /// reads the owner's index.
        /// </summary>
        [Theory]
        [InlineData("Pellmore", true)]
        [InlineData("Pel", true)]
        [InlineData("Pe", false)]
        public async Task Search_IsDrivenByTheSearchIndex_WhereTheIndexCanAnswer(string search, bool indexed)
        {
            await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
            var queries = InvitationQueries.PageQueries(db, "owner-id", new InvitationFilter(InvitationStatus.Pending, Search: search));
            var (statuses, _) = InvitationQueries.CountQueries(db, "owner-id", new InvitationFilter(Search: search));

            var plans = new[]
            {
                await PlanAsync(db, queries.Matching.Select(i => i.Id)),
                await PlanAsync(db, queries.Ordered.Take(50)),
                await PlanAsync(db, statuses.GroupBy(s => s).Select(g => new { g.Key, Count = g.Count() })),
            };

            foreach (var plan in plans)
            {
                var steps = string.Join(" / ", plan);
                if (indexed)
                {
                    plan.Should().Contain(step => step.StartsWith("SEARCH i USING INTEGER PRIMARY KEY (rowid=?)", StringComparison.Ordinal), steps)
                        .And.Contain(step => step.Contains("InvitationSearch VIRTUAL TABLE", StringComparison.Ordinal), steps)
                        .And.NotContain(step => step.StartsWith("SCAN i", StringComparison.Ordinal) || step.Contains("INDEX IX_Invitations_OwnerId", StringComparison.Ordinal), steps);
                }
                else
                {
                    plan.Should().Contain(step => step.StartsWith("SEARCH i USING INDEX IX_Invitations_OwnerId", StringComparison.Ordinal), steps)
                        .And.NotContain(step => step.Contains("VIRTUAL TABLE", StringComparison.Ordinal), steps);
                }
            }
        }

        /// <summary>
        /// A search with many matches pages in its order's index and stops after the page, with LIKE alone, instead of
        /// sorting every match of the search index; its count is still driven by the search index.
        /// </summary>
        [Fact]
        public async Task Search_InOrder_ReadsTheOrdersIndex_AndCountsThroughTheSearchIndex()
        {
            await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
            var queries = InvitationQueries.PageQueries(db, "owner-id", new InvitationFilter(InvitationStatus.Pending, Search: "Pellmore"), inOrder: true);

            var countPlan = await PlanAsync(db, queries.Matching.Select(i => i.Id));
            var pagePlan = await PlanAsync(db, queries.Ordered.Take(50));

            countPlan.Should().Contain(step => step.Contains("InvitationSearch VIRTUAL TABLE", StringComparison.Ordinal), string.Join(" / ", countPlan));
            pagePlan.Should().Contain(step => step.StartsWith("SEARCH i USING INDEX IX_Invitations_OwnerId_Status_SentAt", StringComparison.Ordinal), string.Join(" / ", pagePlan))
                .And.NotContain(step => step.Contains("VIRTUAL TABLE", StringComparison.Ordinal) || step.Contains("TEMP B-TREE", StringComparison.Ordinal), string.Join(" / ", pagePlan));
        }

        /// <summary>One invitation's details ask whether its sender invited before through the sender's index, not the member's.</summary>
        [Fact]
        public async Task RepeatQuery_ReadsTheSendersIndex()
        {
            await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();

            var plan = await PlanAsync(db, InvitationQueries.RepeatQuery(db, "owner-id", "in:someone", Monday).Select(i => i.Id));

            plan.Should().ContainSingle().Which.Should().StartWith("SEARCH i USING INDEX IX_Invitations_SenderKey_SentAt_OwnerId (SenderKey=? AND SentAt<?)");
        }

        /// <summary>
        /// A decision's statements read its invitations by id, and the history's rows too: through the owner's index
        /// they walked every invitation of the member, four times inside the write lock.
        /// </summary>
        [Fact]
        public async Task ADecisionsInvitations_AreReadById()
        {
            await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var history = connection.CreateCommand();
            history.CommandText = "EXPLAIN QUERY PLAN " + string.Format(
                System.Globalization.CultureInfo.InvariantCulture, HistoryWriter.InsertStatusChanges(Data.Database.StoreDialect.Sqlite), "@event", "@after", "@owner", "@ids");
            history.Parameters.AddWithValue("@event", 1);
            history.Parameters.AddWithValue("@after", "archived");
            history.Parameters.AddWithValue("@owner", "owner-id");
            history.Parameters.AddWithValue("@ids", "[1,2,3]");
            var historyPlan = new List<string>();
            await using (var reader = await history.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    historyPlan.Add(reader.GetString(3));
                }
            }

            var plans = new[]
            {
                await PlanAsync(db, db.Invitations.WithIds("owner-id", new List<long> { 1, 2, 3 }).Where(i => i.Status != InvitationStatus.Accepted).Select(i => i.Id)),
                historyPlan,
            };

            foreach (var plan in plans)
            {
                plan.Should().Contain(step => step.Contains("USING INTEGER PRIMARY KEY (rowid=?)", StringComparison.Ordinal), string.Join(" / ", plan))
                    .And.NotContain(step => step.Contains("IX_Invitations_OwnerId", StringComparison.Ordinal), string.Join(" / ", plan));
            }
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

    /// <summary>
    /// Both stores put the invitations without a company after all the others, ascending and descending alike (SQLite
    /// would put them first ascending, PostgreSQL first descending), and a page that spans the two runs joins them.
    /// </summary>
    [Theory]
    [InlineData(false, new[] { "Dee North", "Ada Quill", "Bo Ray", "Cy Tan", "Lone Wolf", "Nobody Else", "No Firm" })]
    [InlineData(true, new[] { "Lone Wolf", "Cy Tan", "Bo Ray", "Ada Quill", "Dee North", "No Firm", "Nobody Else" })]
    public async Task ListAsync_ByCompany_PutsInvitationsWithoutACompanyLast_AndPagesAcrossThem(bool descending, string[] expected)
    {
        var owner = await InboxAsync();
        await _members.ReceiveAsync(
            owner,
            From("No Firm", "", Monday.AddDays(-1)) with { SenderCompany = null },
            From("Nobody Else", "", Monday.AddDays(-2)) with { SenderCompany = null });
        var byCompany = new InvitationFilter(PageSize: 2) { Sort = InvitationSort.Company, Descending = descending };

        var pages = new List<Page<InvitationView>>();
        for (var page = 1; page <= 5; page++)
        {
            pages.Add(await _queries.ListAsync(owner, byCompany with { Page = page }, CancellationToken.None));
        }

        pages.SelectMany(p => p.Items).Select(i => i.SenderName).Should().Equal(expected);
        pages.Select(p => p.Items.Count).Should().Equal(2, 2, 2, 1, 0);
        pages.Should().OnlyContain(p => p.Total == 7);
        (await _queries.ListAsync(owner, byCompany with { PageSize = 50 }, CancellationToken.None)).Items.Select(i => i.SenderName).Should().Equal(expected);
    }

    /// <summary>
    /// The company filter compares company keys (README, "The company filter matches keys"): what is typed is
    /// normalised as every company is, and matches the companies whose key it begins; an alias's name finds the
    /// company it was merged into.
    /// </summary>
    [Theory]
    [InlineData("Pellmore Rusk", 3)]
    [InlineData("pellm", 3)]
    [InlineData("PELLMORE-RUSK, LLC", 3)]
    [InlineData("  Anvil ", 1)]
    [InlineData("Rusk", 0)]
    [InlineData("Pellmore Rusk Intl", 0)]
    [InlineData("...", 0)]
    [InlineData("Zeta", 1)]
    [InlineData("Z%ta", 0)]
    public async Task ListAsync_CompanyFilter_MatchesTheKeysItBegins(string company, int expected)
    {
        var owner = await InboxAsync();

        var page = await _queries.ListAsync(owner, new InvitationFilter(Company: company), CancellationToken.None);
        var counts = await _queries.CountAsync(owner, new InvitationFilter(Company: company), CancellationToken.None);

        page.Total.Should().Be(expected);
        page.Items.Should().HaveCount(expected);
        counts.All.Should().Be(expected);
    }

    [Fact]
    public async Task ListAsync_CompanyFilter_ByAnAliasName_FindsTheCompanyItWasMergedInto()
    {
        var owner = await InboxAsync();
        var merged = await _store.Services.GetRequiredService<CompanyAliasService>().AddAsync(owner, "me", "Zeta Labs", "Anvil Works", CancellationToken.None);
        merged.Result.Outcome.Should().Be(TriageOutcome.Done, merged.Result.Message);

        var byAlias = await _queries.ListAsync(owner, new InvitationFilter(Company: "zeta"), CancellationToken.None);
        var byCanonical = await _queries.ListAsync(owner, new InvitationFilter(Company: "Anvil Works") { Sort = InvitationSort.Company }, CancellationToken.None);

        byAlias.Items.Select(i => i.SenderName).Should().Equal("Dee North", "Lone Wolf");
        byAlias.Total.Should().Be(2);
        byCanonical.Items.Select(i => i.SenderName).Should().Equal("Dee North", "Lone Wolf");
    }

    /// <summary>A filter's total is counted when its page is full or past the end, and is the rows seen when the page ends the list.</summary>
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    [InlineData(5, 0)]
    public async Task ListAsync_AFilteredPage_HasTheFilterTotal_WhereverItIs(int page, int rows)
    {
        var owner = await InboxAsync();

        var listed = await _queries.ListAsync(owner, new InvitationFilter(Company: "Pellmore", Page: page, PageSize: 2), CancellationToken.None);

        (listed.Items.Count, listed.Total).Should().Be((rows, 3));
    }

    /// <summary>
    /// A company that most invitations share is paged in time order (see ListAsync: 3 of 5 rows, a page of 1, is read
    /// in the time index first); the rows are those of a sort.
    /// </summary>
    [Fact]
    public async Task ListAsync_ACompanyOfMostInvitations_ListsTheSameRowsInOrder()
    {
        var owner = await InboxAsync();
        var filter = new InvitationFilter(Company: "pellmore", PageSize: 1);

        var pages = new List<Page<InvitationView>>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await _queries.ListAsync(owner, filter with { Page = page }, CancellationToken.None));
        }

        pages.SelectMany(p => p.Items).Select(i => i.SenderName).Should().Equal("Cy Tan", "Bo Ray", "Ada Quill");
        pages.Should().OnlyContain(p => p.Total == 3);
    }

    /// <summary>A tab's page without a known total reads it from the tallies, and it agrees with a count.</summary>
    [Fact]
    public async Task ListAsync_TabTotals_AgreeWithTheRows()
    {
        var owner = await InboxAsync();
        var loner = (await _members.InvitationsAsync(owner)).Single(i => i.SenderName == "Lone Wolf");
        await _store.Services.GetRequiredService<TriageService>()
            .ActOnInvitationsAsync(owner, "me", [loner.Id], TriageAction.Archive, CancellationToken.None);

        var all = await _queries.ListAsync(owner, new InvitationFilter(), CancellationToken.None);
        var pending = await _queries.ListAsync(owner, new InvitationFilter(InvitationStatus.Pending), CancellationToken.None);
        var flocked = await _queries.ListAsync(owner, new InvitationFilter(InvitationStatus.Pending) { InFlock = true }, CancellationToken.None);
        var archived = await _queries.ListAsync(owner, new InvitationFilter(InvitationStatus.Archived), CancellationToken.None);
        var accepted = await _queries.ListAsync(owner, new InvitationFilter(InvitationStatus.Accepted), CancellationToken.None);

        (all.Total, pending.Total, flocked.Total, archived.Total, accepted.Total).Should().Be((5, 4, 3, 1, 0));
        new[] { all, pending, flocked, archived, accepted }.Should().OnlyContain(p => p.Items.Count == p.Total);
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
