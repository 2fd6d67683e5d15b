using InviteTriage.Core.Invitations;
using InviteTriage.Data.Accounts;
using InviteTriage.Data.Invitations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Invitations;

public abstract class InvitationQueriesTests
{
    public sealed class OnSqlite(SqliteStore store) : InvitationQueriesTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : InvitationQueriesTests(store), IClassFixture<PostgresStore>;

    private readonly TriageStore _store;

    protected InvitationQueriesTests(TriageStore store) => _store = store;

    [Fact]
    public async Task ListAsync_ShowsOnlyTheOwnersInvitations_NewestFirst()
    {
        var alice = await SeedAsync("alice@example.com", "Ann", "Ben");
        await SeedAsync("bob@example.com", "Cy");
        var queries = _store.Services.GetRequiredService<InvitationQueries>();

        var page = await queries.ListAsync(alice, new InvitationFilter(), CancellationToken.None);

        page.Total.Should().Be(2);
        page.Items.Select(i => i.SenderName).Should().Equal("Ben", "Ann");
    }

    [Fact]
    public async Task ListAsync_StatusAndSearchFilters_Narrow()
    {
        var owner = await SeedAsync("filter@example.com", "Dana Park", "Eli Moss", "Fay Park");
        await using (var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync())
        {
            await db.Invitations.Where(i => i.OwnerId == owner && i.SenderName == "Fay Park")
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Archived));
        }

        var queries = _store.Services.GetRequiredService<InvitationQueries>();

        var pending = await queries.ListAsync(owner, new InvitationFilter(Status: InvitationStatus.Pending, Search: "park"), CancellationToken.None);

        pending.Items.Select(i => i.SenderName).Should().Equal("Dana Park");
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("Park%")]
    public async Task ListAsync_WildcardsInTheSearch_AreTakenLiterally(string search)
    {
        var owner = await SeedAsync($"wild-{Guid.NewGuid():N}@example.com", "Gil Park", "Hana Ito");
        var queries = _store.Services.GetRequiredService<InvitationQueries>();

        var page = await queries.ListAsync(owner, new InvitationFilter(Search: search), CancellationToken.None);

        page.Total.Should().Be(0);
    }

    [Fact]
    public async Task GetAsync_ASenderWhoInvitedTheSameMemberBefore_IsARepeat_AndOnlyForThatMember()
    {
        var members = new Members(_store);
        var (alice, bob) = (await members.AddAsync(), await members.AddAsync());
        var earlier = Members.From("Ola Berg", "Berg Ventures", Members.Monday.AddDays(-60));
        var later = Members.From("Ola Berg", "Berg Ventures", Members.Monday);
        await members.ReceiveAsync(alice, earlier, later with { Origin = Ingest.IngestOrigin.Element("test.json", 2) });
        await members.ReceiveAsync(bob, later);
        var queries = _store.Services.GetRequiredService<InvitationQueries>();
        var alices = await members.InvitationsAsync(alice);

        var first = await queries.GetAsync(alice, alices[0].Id, CancellationToken.None);
        var again = await queries.GetAsync(alice, alices[1].Id, CancellationToken.None);
        var bobs = await queries.GetAsync(bob, (await members.InvitationsAsync(bob)).Single().Id, CancellationToken.None);

        first!.Reasons.Select(r => r.Rule).Should().NotContain(Core.Detection.FlagRules.RepeatInvite);
        again!.Reasons.Select(r => r.Rule).Should().Contain(Core.Detection.FlagRules.RepeatInvite);
        bobs!.Reasons.Select(r => r.Rule).Should().NotContain(Core.Detection.FlagRules.RepeatInvite, "Alice's earlier invitation is not Bob's");
    }

    private async Task<string> SeedAsync(string email, params string[] senders)
    {
        await using var scope = _store.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(email, "a long enough password", admin: false, CancellationToken.None);
        await using var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var start = new DateTime(2025, 11, 24, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < senders.Length; i++)
        {
            var sentAt = start.AddHours(i);
            db.Invitations.Add(new Invitation
            {
                OwnerId = user.User!.Id,
                SenderName = senders[i],
                SenderKey = $"name:{senders[i].ToLowerInvariant()}|acme",
                Company = "Acme",
                CompanyKey = "acme",
                SentAt = sentAt,
                SentMinute = (long)(sentAt - DateTime.UnixEpoch).TotalMinutes,
                ReceivedAt = sentAt,
                UpdatedAt = sentAt,
            });
        }

        await db.SaveChangesAsync();
        return user.User!.Id;
    }
}
