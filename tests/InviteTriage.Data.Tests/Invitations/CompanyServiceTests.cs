using InviteTriage.Core.History;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Triage;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Invitations;

public abstract class CompanyServiceTests
{
    public sealed class OnSqlite(SqliteStore store) : CompanyServiceTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : CompanyServiceTests(store), IClassFixture<PostgresStore>;

    private readonly Members _members;
    private readonly CompanyService _companies;

    protected CompanyServiceTests(TriageStore store)
    {
        _members = new Members(store);
        _companies = store.Services.GetRequiredService<CompanyService>();
    }

    [Fact]
    public async Task SetCompanyAsync_TheThirdColleagueNamed_CompletesTheFlockAndRecordsIt()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Pellmore Rusk", Monday.AddHours(9)),
            From("Bo Ray", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(20)),
            From("Cy Tan", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(40)) with { SenderCompany = null });
        var unknown = (await _members.InvitationsAsync(owner)).Single(i => i.CompanyKey is null);
        (await _members.FlocksAsync(owner)).Should().BeEmpty("two senders are not a flock");

        var result = await _companies.SetCompanyAsync(owner, "me", unknown.Id, " Pellmore Rusk, LLC ", CancellationToken.None);

        result.Outcome.Should().Be(TriageOutcome.Done);
        var named = (await _members.InvitationsAsync(owner)).Single(i => i.Id == unknown.Id);
        named.Company.Should().Be("Pellmore Rusk, LLC");
        named.CompanyKey.Should().Be("pellmorerusk");
        (await _members.FlocksAsync(owner)).Should().ContainSingle().Which.Members.Should().HaveCount(3);
        var events = await _members.EventsAsync(owner);
        events.Should().ContainSingle(e => e.Kind == FlagEventKind.CompanySet)
            .Which.Changes.Should().ContainSingle(c => c.InvitationId == unknown.Id && c.Before == null && c.After == "Pellmore Rusk, LLC");
        events.Should().Contain(e => e.Kind == FlagEventKind.FlockDetected);
    }

    [Fact]
    public async Task SetCompanyAsync_MovingAMemberAway_WithdrawsTheFlockItCompleted()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Pellmore Rusk", Monday.AddHours(9)),
            From("Bo Ray", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(20)),
            From("Cy Tan", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(40)));
        var cy = (await _members.InvitationsAsync(owner)).Single(i => i.SenderName == "Cy Tan");

        await _companies.SetCompanyAsync(owner, "me", cy.Id, "Anvil Works", CancellationToken.None);

        (await _members.FlocksAsync(owner, Core.Flocks.FlockStatus.Open)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("...")]
    public async Task SetCompanyAsync_NoUsableName_IsRefusedAndChangesNothing(string company)
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, From("Ada Quill", "Pellmore Rusk", Monday.AddHours(9)) with { SenderCompany = null });
        var invitation = (await _members.InvitationsAsync(owner)).Single();

        var result = await _companies.SetCompanyAsync(owner, "me", invitation.Id, company, CancellationToken.None);

        result.Outcome.Should().Be(TriageOutcome.Invalid);
        result.Message.Should().StartWith("company:");
        (await _members.InvitationsAsync(owner)).Single().Company.Should().BeNull();
        (await _members.EventsAsync(owner)).Should().NotContain(e => e.Kind == FlagEventKind.CompanySet);
    }

    [Fact]
    public async Task SetCompanyAsync_SomeoneElsesInvitation_IsNotFound()
    {
        var owner = await _members.AddAsync();
        var stranger = await _members.AddAsync();
        await _members.ReceiveAsync(owner, From("Ada Quill", "Pellmore Rusk", Monday.AddHours(9)) with { SenderCompany = null });
        var invitation = (await _members.InvitationsAsync(owner)).Single();

        var result = await _companies.SetCompanyAsync(stranger, "me", invitation.Id, "Anvil Works", CancellationToken.None);

        result.Outcome.Should().Be(TriageOutcome.NotFound);
        (await _members.InvitationsAsync(owner)).Single().Company.Should().BeNull();
    }
}
