using InviteTriage.Core.History;
using InviteTriage.Core.Triage;
using InviteTriage.Data.History;
using InviteTriage.Data.Triage;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.History;

public abstract class HistoryQueriesTests
{
    public sealed class OnSqlite(SqliteStore store) : HistoryQueriesTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : HistoryQueriesTests(store), IClassFixture<PostgresStore>;

    private readonly TriageStore _store;
    private readonly Members _members;
    private readonly HistoryQueries _history;

    protected HistoryQueriesTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
        _history = store.Services.GetRequiredService<HistoryQueries>();
    }

    [Fact]
    public async Task CompanyFilter_KeepsTheEventsAboutThatCompany_ByFlockOrByInvitation()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, [.. Enumerable.Range(0, 3).Select(i => From($"Colleague {i}", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(20 * i)))]);
        await _members.ReceiveAsync(owner, From("Dee North", "Anvil Works", Monday.AddDays(2)));
        var dee = (await _members.InvitationsAsync(owner)).Single(i => i.SenderName == "Dee North");
        await _store.Services.GetRequiredService<TriageService>().ActOnInvitationsAsync(owner, "me", [dee.Id], TriageAction.Archive, CancellationToken.None);

        var pellmore = await _history.ListAsync(owner, new HistoryFilter { Company = "pellmore" }, CancellationToken.None);
        var anvil = await _history.ListAsync(owner, new HistoryFilter { Company = "Anvil" }, CancellationToken.None);
        var nobody = await _history.ListAsync(owner, new HistoryFilter { Company = "Globex" }, CancellationToken.None);

        pellmore.Items.Select(e => e.Kind).Should().Equal(FlagEventKind.FlockDetected, FlagEventKind.Imported);
        anvil.Items.Select(e => e.Kind).Should().Equal(FlagEventKind.StatusChanged, FlagEventKind.Imported);
        nobody.Total.Should().Be(0);
    }

    [Fact]
    public async Task CompanyFilter_NeverMatchesAnotherMembersEvents()
    {
        var owner = await _members.AddAsync();
        var other = await _members.AddAsync();
        await _members.ReceiveAsync(other, [.. Enumerable.Range(0, 3).Select(i => From($"Colleague {i}", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(20 * i)))]);

        var page = await _history.ListAsync(owner, new HistoryFilter { Company = "Pellmore" }, CancellationToken.None);

        page.Total.Should().Be(0);
    }
}
