using InviteTriage.Core.Invitations;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Insights;
using InviteTriage.Data.Triage;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Insights;

public abstract class InsightsQueriesTests
{
    public sealed class OnSqlite(SqliteStore store) : InsightsQueriesTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : InsightsQueriesTests(store), IClassFixture<PostgresStore>;

    private readonly TriageStore _store;
    private readonly Members _members;
    private readonly InsightsQueries _insights;

    protected InsightsQueriesTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
        _insights = store.Services.GetRequiredService<InsightsQueries>();
    }

    [Fact]
    public async Task NoInvitations_IsEmpty()
    {
        var owner = await _members.AddAsync();

        var view = await _insights.GetAsync(owner, CancellationToken.None);

        view.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public async Task CountsWeeksFlocksCompaniesAndDecisions()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, [.. Enumerable.Range(0, 3).Select(i => From($"Colleague {i}", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(20 * i)))]);
        await _members.ReceiveAsync(owner, From("Dee North", "Anvil Works", Monday.AddDays(-7)), From("Eve Stone", "Zeta Labs", Monday.AddDays(-7).AddHours(1)));
        var dee = (await _members.InvitationsAsync(owner)).Single(i => i.SenderName == "Dee North");
        await _store.Services.GetRequiredService<TriageService>().ActOnInvitationsAsync(owner, "me", [dee.Id], TriageAction.Accept, CancellationToken.None);

        var view = await _insights.GetAsync(owner, CancellationToken.None);

        view.Weeks.Should().HaveCount(InsightsQueries.WeeksShown);
        view.Weeks[^1].Should().Be(new WeekCount(DateOnly.FromDateTime(Monday), 3, 3));
        view.Weeks[^2].Should().Be(new WeekCount(DateOnly.FromDateTime(Monday.AddDays(-7)), 2, 0));
        view.Weeks.Take(InsightsQueries.WeeksShown - 2).Should().OnlyContain(w => w.Invitations == 0);
        view.TopCompanies.Should().Equal(new CompanyFlocks("Pellmore Rusk", 1, 3));
        view.Decisions.Should().Equal(new StatusCount(InvitationStatus.Pending, 4), new StatusCount(InvitationStatus.Accepted, 1));
        view.FlocksByMonth.Should().HaveCount(InsightsQueries.MonthsShown);
        view.FlocksByMonth[^1].Month.Should().Be(new DateOnly(2025, 11, 1));
        (view.FlocksByMonth[^1].Likely + view.FlocksByMonth[^1].Review).Should().Be(1);
    }
}
