using InviteTriage.Core.Flocks;
using InviteTriage.Core.History;
using InviteTriage.Data.Companies;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Settings;
using InviteTriage.Data.Triage;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Companies;

public abstract class CompanyAliasServiceTests
{
    public sealed class OnSqlite(SqliteStore store) : CompanyAliasServiceTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : CompanyAliasServiceTests(store), IClassFixture<PostgresStore>;

    private readonly TriageStore _store;
    private readonly Members _members;
    private readonly CompanyAliasService _aliases;

    protected CompanyAliasServiceTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
        _aliases = store.Services.GetRequiredService<CompanyAliasService>();
    }

    /// <summary>Two colleagues write "Pellmore Rusk", a third "Pellmore Rusk Intl": no flock until the user says they are one.</summary>
    private async Task<string> SplitFlockAsync()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Pellmore Rusk", Monday.AddHours(9)),
            From("Bo Ray", "Pellmore Rusk", Monday.AddHours(9).AddMinutes(20)),
            From("Cy Tan", "Pellmore Rusk Intl", Monday.AddHours(9).AddMinutes(40)) with { SenderProfileUrl = null });
        (await _members.FlocksAsync(owner)).Should().BeEmpty("the third colleague is under another company key");
        return owner;
    }

    [Fact]
    public async Task AddAsync_MergingTheThirdColleaguesCompany_MovesItsInvitationsAndCompletesTheFlock()
    {
        var owner = await SplitFlockAsync();

        var added = await _aliases.AddAsync(owner, "me", "Pellmore Rusk Intl", "Pellmore Rusk, LLC", CancellationToken.None);

        added.Result.Outcome.Should().Be(TriageOutcome.Done, added.Result.Message);
        added.Result.Changed.Should().Be(1);
        var cy = (await _members.InvitationsAsync(owner)).Single(i => i.SenderName == "Cy Tan");
        cy.Company.Should().Be("Pellmore Rusk Intl", "the name as written is kept; only the key is merged");
        cy.CompanyKey.Should().Be("pellmorerusk");
        cy.SenderKey.Should().Be("name:cy tan|pellmorerusk", "a sender known by name carries the company in its key");
        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Which.Members.Should().HaveCount(3);
        var events = await _members.EventsAsync(owner);
        events.Should().ContainSingle(e => e.Kind == FlagEventKind.CompanyAliased)
            .Which.Changes.Should().ContainSingle(c => c.InvitationId == cy.Id && c.Before == "Pellmore Rusk Intl" && c.After == "Pellmore Rusk, LLC");
        events.Should().Contain(e => e.Kind == FlagEventKind.FlockDetected);
    }

    [Fact]
    public async Task AddAsync_LaterImports_FollowTheAlias()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner, From("Ada Quill", "Pellmore Rusk", Monday.AddHours(9)));
        (await _aliases.AddAsync(owner, "me", "PR Intl", "Pellmore Rusk", CancellationToken.None)).Result.Outcome.Should().Be(TriageOutcome.Done);

        await _members.ReceiveAsync(
            owner,
            From("Bo Ray", "PR Intl.", Monday.AddHours(9).AddMinutes(20)),
            From("Cy Tan", "P.R. Intl", Monday.AddHours(9).AddMinutes(40)));

        (await _members.InvitationsAsync(owner)).Select(i => i.CompanyKey).Should().AllBe("pellmorerusk");
        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Which.Members.Should().HaveCount(3);
    }

    [Fact]
    public async Task AddAsync_ATrustedCompanyMergedAway_StaysTrusted()
    {
        var owner = await SplitFlockAsync();
        var settings = _store.Services.GetRequiredService<SettingsService>();
        (await settings.UpdateDetectionAsync(owner, "me", new DetectionParameters(24, 72, 3, 1e-4, 6) { TrustedCompanies = ["Pellmore Rusk Intl"] }, CancellationToken.None))
            .Should().BeEmpty();

        await _aliases.AddAsync(owner, "me", "Pellmore Rusk Intl", "Pellmore Rusk", CancellationToken.None);

        (await _members.FlocksAsync(owner)).Should().BeEmpty("the user trusts the company, under either name");
    }

    [Fact]
    public async Task RemoveAsync_PutsTheInvitationsBackAndWithdrawsTheFlock()
    {
        var owner = await SplitFlockAsync();
        var added = await _aliases.AddAsync(owner, "me", "Pellmore Rusk Intl", "Pellmore Rusk", CancellationToken.None);

        var removed = await _aliases.RemoveAsync(owner, "me", added.AliasId!.Value, CancellationToken.None);

        removed.Outcome.Should().Be(TriageOutcome.Done, removed.Message);
        var cy = (await _members.InvitationsAsync(owner)).Single(i => i.SenderName == "Cy Tan");
        (cy.CompanyKey, cy.SenderKey).Should().Be(("pellmoreruskintl", "name:cy tan|pellmoreruskintl"));
        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().BeEmpty();
        (await _members.FlocksAsync(owner, FlockStatus.Withdrawn)).Should().ContainSingle();
        (await _aliases.ListAsync(owner, CancellationToken.None)).Should().BeEmpty();
        (await _members.EventsAsync(owner)).Should().ContainSingle(e => e.Kind == FlagEventKind.CompanyAliasRemoved)
            .Which.Changes.Should().ContainSingle(c => c.InvitationId == cy.Id);
    }

    // The canonical company's own invitations lie months away, so nothing of it is near the flock that goes back.
    [Fact]
    public async Task RemoveAsync_AFlockFarFromTheCanonicalCompanysOwnInvitations_LeavesNothingOfItBehind()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Ed Lim", "Acme", Monday.AddDays(-150)),
            From("Ada Quill", "Acme Intl", Monday.AddHours(9)),
            From("Bo Ray", "Acme Intl", Monday.AddHours(9).AddMinutes(20)),
            From("Cy Tan", "Acme Intl", Monday.AddHours(9).AddMinutes(40)));
        var added = await _aliases.AddAsync(owner, "me", "Acme Intl", "Acme", CancellationToken.None);
        var merged = (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Subject;

        await _aliases.RemoveAsync(owner, "me", added.AliasId!.Value, CancellationToken.None);

        merged.CompanyKey.Should().Be("acme");
        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Which.CompanyKey.Should().Be("acmeintl");
        (await _members.CandidatesAsync(owner)).Should().ContainSingle().Which.CompanyKey.Should().Be("acmeintl");
    }

    // The alias goes: the merged flock keeps its own company's member and is withdrawn, and the members that went back
    // form a flock of their own company. New invitations of the first company revive the withdrawn flock, which then
    // lets go of the members it had: they are not in what that detection reads (their company changed), and they
    // must keep pointing at the flock they are in now.
    [Fact]
    public async Task RemoveAsync_ThenTheWithdrawnFlockRevives_TheMembersThatWentBackStayInTheirOwnFlock()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Dan Okafor", "Acme", Monday.AddHours(9)),
            From("Ada Quill", "Acme Intl", Monday.AddHours(9).AddMinutes(10)),
            From("Bo Ray", "Acme Intl", Monday.AddHours(9).AddMinutes(20)),
            From("Cy Tan", "Acme Intl", Monday.AddHours(9).AddMinutes(40)));
        var added = await _aliases.AddAsync(owner, "me", "Acme Intl", "Acme", CancellationToken.None);
        var merged = (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Subject;
        merged.Members.Should().HaveCount(4);
        await _aliases.RemoveAsync(owner, "me", added.AliasId!.Value, CancellationToken.None);
        var own = (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Subject;
        own.CompanyKey.Should().Be("acmeintl");
        own.Id.Should().NotBe(merged.Id);
        (await _members.FlocksAsync(owner, FlockStatus.Withdrawn)).Should().ContainSingle().Which.Id.Should().Be(merged.Id);

        await _members.ReceiveAsync(
            owner,
            From("Eve Marsh", "Acme", Monday.AddHours(9).AddMinutes(30)),
            From("Fay Lund", "Acme", Monday.AddHours(9).AddMinutes(50)));

        var flocks = await _members.FlocksAsync(owner, FlockStatus.Open);
        flocks.Select(f => (f.Id, f.CompanyKey)).Should().BeEquivalentTo([(merged.Id, "acme"), (own.Id, "acmeintl")], "the withdrawn flock is revived");
        var invitations = await _members.InvitationsAsync(owner);
        invitations.Where(i => i.CompanyKey == "acmeintl").Select(i => i.FlockId).Should().HaveCount(3)
            .And.OnlyContain(id => id == own.Id, "the revived flock let go of them, and they are in their own");
        invitations.Where(i => i.CompanyKey == "acme").Select(i => i.FlockId).Should().HaveCount(3).And.OnlyContain(id => id == merged.Id);
    }

    [Fact]
    public async Task RemoveAsync_KeepsInvitationsThatWereTheCompanysOwn()
    {
        var owner = await SplitFlockAsync();
        var added = await _aliases.AddAsync(owner, "me", "Pellmore Rusk Intl", "Pellmore Rusk", CancellationToken.None);

        await _aliases.RemoveAsync(owner, "me", added.AliasId!.Value, CancellationToken.None);

        (await _members.InvitationsAsync(owner)).Where(i => i.SenderName != "Cy Tan").Select(i => i.CompanyKey).Should().AllBe("pellmorerusk");
    }

    [Fact]
    public async Task AddAsync_MergingACompanyThatHasAliases_IsRefused_AndTheOtherDirectionWorks()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Acme", Monday.AddHours(9)),
            From("Bo Ray", "Acme Intl", Monday.AddHours(9).AddMinutes(20)),
            From("Cy Tan", "Acme Global", Monday.AddHours(9).AddMinutes(40)));
        await _aliases.AddAsync(owner, "me", "Acme Intl", "Acme Global", CancellationToken.None);

        var refused = await _aliases.AddAsync(owner, "me", "Acme Global", "Acme", CancellationToken.None);
        var reversed = await _aliases.AddAsync(owner, "me", "Acme", "Acme Global", CancellationToken.None);

        refused.Result.Outcome.Should().Be(TriageOutcome.Invalid);
        refused.Result.Message.Should().Be("'Acme Intl' is merged into 'Acme Global'. Merge 'Acme' into 'Acme Global' instead, or remove that alias first.");
        reversed.Result.Outcome.Should().Be(TriageOutcome.Done, reversed.Result.Message);
        (await _aliases.ListAsync(owner, CancellationToken.None)).Select(a => (a.AliasKey, a.CanonicalKey))
            .Should().BeEquivalentTo([("acmeintl", "acmeglobal"), ("acme", "acmeglobal")]);
        (await _members.InvitationsAsync(owner)).Select(i => i.CompanyKey).Should().AllBe("acmeglobal");
        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Which.Members.Should().HaveCount(3);
    }

    [Fact]
    public async Task AddAsync_AFlockOfTheMergedCompany_KeepsItsIdAndGrows()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Acme Intl", Monday.AddHours(9)),
            From("Bo Ray", "Acme Intl", Monday.AddHours(9).AddMinutes(20)),
            From("Cy Tan", "Acme Intl", Monday.AddHours(9).AddMinutes(40)),
            From("Di Ho", "Acme", Monday.AddHours(10)));
        var flock = (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Subject;

        await _aliases.AddAsync(owner, "me", "Acme Intl", "Acme", CancellationToken.None);

        var grown = (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Subject;
        (grown.Id, grown.CompanyKey, grown.Members.Count).Should().Be((flock.Id, "acme", 4));
        (await _members.FlocksAsync(owner, FlockStatus.Withdrawn)).Should().BeEmpty();
        (await _members.CandidatesAsync(owner)).Should().ContainSingle("the merged company's candidate follows it, as its flock does")
            .Which.Should().BeEquivalentTo(new { CompanyKey = "acme", SenderCount = 4, grown.FirstSentAt, grown.LastSentAt });
    }

    [Fact]
    public async Task AddAsync_ATrustedNameMerged_ClearsFlocksOfTheCompanyFarFromTheMovedInvitations()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Acme", Monday.AddHours(9)),
            From("Bo Ray", "Acme", Monday.AddHours(9).AddMinutes(20)),
            From("Cy Tan", "Acme", Monday.AddHours(9).AddMinutes(40)),
            From("Di Ho", "Acme Intl", Monday.AddDays(200)));
        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle();
        await _store.Services.GetRequiredService<SettingsService>().UpdateDetectionAsync(
            owner, "me", new DetectionParameters(24, 72, 3, 1e-4, 6) { TrustedCompanies = ["Acme Intl"] }, CancellationToken.None);
        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle("'Acme Intl' is not yet Acme");

        await _aliases.AddAsync(owner, "me", "Acme Intl", "Acme", CancellationToken.None);

        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().BeEmpty("Acme is now trusted, and its flock 200 days earlier with it");
    }

    [Fact]
    public async Task ApplyAsync_ASuggestionWithACompanyThatHasAliases_KeepsThatCompany_AndMergesByKey()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Pellmore Rusk", Monday.AddHours(9)),
            From("Bo Ray", "Pellmore Rusk", Monday.AddDays(3)),
            From("Cy Tan", "Zeta Pellmore Rusc", Monday.AddDays(9)));
        await _aliases.AddAsync(owner, "me", "Zeta Pellmore Rusc", "Pellmore Rusc", CancellationToken.None);

        // The misspelt firm has an alias of its own, so it is the one kept, though it has fewer invitations.
        var suggestion = (await _aliases.SuggestAsync(owner, CancellationToken.None)).Should().ContainSingle().Subject;
        suggestion.Alias.Should().Be(new Core.Companies.CompanyCount("pellmorerusk", "Pellmore Rusk", 2));
        suggestion.Canonical.Should().Be(new Core.Companies.CompanyCount("pellmorerusc", "Zeta Pellmore Rusc", 1), "no invitation spells the company itself");
        var applied = await _aliases.ApplyAsync(owner, "me", suggestion, CancellationToken.None);

        applied.Result.Outcome.Should().Be(TriageOutcome.Done, applied.Result.Message);
        (await _members.InvitationsAsync(owner)).Select(i => i.CompanyKey).Should().AllBe("pellmorerusc");
        (await _aliases.ListAsync(owner, CancellationToken.None)).Select(a => a.CanonicalName).Should().AllBe("Pellmore Rusc");
    }

    [Fact]
    public async Task UndoingAnImportThatMergedIntoAnInvitation_RestoresItUnderTodaysAliases()
    {
        var owner = await _members.AddAsync();
        var sentAt = Monday.AddHours(9);
        await _members.ReceiveAsync(owner, From("Ada Quill", "Acme Intl", sentAt) with { SenderProfileUrl = null });

        // The same invitation by e-mail, with the accept link, is merged into the stored one before the alias exists.
        var mail = await _members.ReceiveAsync(owner, From("Ada Quill", "Acme Intl", sentAt.AddMinutes(2)) with
        {
            SenderProfileUrl = null,
            AcceptUrl = "https://www.linkedin.com/comm/invitations/accept?id=1",
            Source = Core.Invitations.InvitationSource.Email,
        });
        mail.Merged.Should().Be(1);
        await _aliases.AddAsync(owner, "me", "Acme Intl", "Acme", CancellationToken.None);

        await _store.Services.GetRequiredService<Data.Imports.ImportService>().UndoAsync(owner, "me", mail.BatchId!.Value, CancellationToken.None);

        var ada = (await _members.InvitationsAsync(owner)).Should().ContainSingle().Subject;
        (ada.CompanyKey, ada.SenderKey).Should().Be(("acme", "name:ada quill|acme"), "the snapshot predates the alias, which still stands");
    }

    [Theory]
    [InlineData("", "Acme", "alias: name the company.")]
    [InlineData("Acme Intl", "  ", "company: name the company.")]
    [InlineData("...", "Acme", "alias: '...' has no letters or digits left")]
    [InlineData("ACME, Inc.", "Acme", "are already one company")]
    public async Task AddAsync_Unusable_IsRefusedAndChangesNothing(string alias, string canonical, string message)
    {
        var owner = await SplitFlockAsync();
        var before = await _members.InvitationsAsync(owner);

        var result = await _aliases.AddAsync(owner, "me", alias, canonical, CancellationToken.None);

        result.Result.Outcome.Should().Be(TriageOutcome.Invalid);
        result.Result.Message.Should().Contain(message);
        (await _members.InvitationsAsync(owner)).Should().BeEquivalentTo(before);
        (await _aliases.ListAsync(owner, CancellationToken.None)).Should().BeEmpty();
        (await _members.EventsAsync(owner)).Should().NotContain(e => e.Kind == FlagEventKind.CompanyAliased);
    }

    [Fact]
    public async Task AddAsync_AKeyAlreadyMergedElsewhere_IsRefused()
    {
        var owner = await SplitFlockAsync();
        await _aliases.AddAsync(owner, "me", "Pellmore Rusk Intl", "Pellmore Rusk", CancellationToken.None);

        var result = await _aliases.AddAsync(owner, "me", "Pellmore Rusk Intl", "Anvil Works", CancellationToken.None);

        result.Result.Outcome.Should().Be(TriageOutcome.Invalid);
        result.Result.Message.Should().Contain("already merged into 'Pellmore Rusk'");
    }

    [Fact]
    public async Task AddAsync_TwoInvitationsBecomingOne_IsRefusedAndRolledBackWhole()
    {
        // The same person, known by name only, in the same minute under both spellings: merged, they would be one invitation.
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Acme", Monday.AddHours(9)) with { SenderProfileUrl = null },
            From("Ada Quill", "Acme Intl", Monday.AddHours(9)) with { SenderProfileUrl = null, Network = "linkedin" });
        var before = await _members.InvitationsAsync(owner);
        before.Should().HaveCount(2);

        var result = await _aliases.AddAsync(owner, "me", "Acme Intl", "Acme", CancellationToken.None);

        result.Result.Outcome.Should().Be(TriageOutcome.Invalid);
        result.Result.Message.Should().Contain("Ada Quill has an invitation under each name sent in the same minute");
        (await _members.InvitationsAsync(owner)).Should().BeEquivalentTo(before);
        (await _aliases.ListAsync(owner, CancellationToken.None)).Should().BeEmpty();
        (await _members.EventsAsync(owner)).Should().NotContain(e => e.Kind == FlagEventKind.CompanyAliased);
    }

    [Fact]
    public async Task Aliases_AreTheirOwnersAlone()
    {
        var owner = await SplitFlockAsync();
        var other = await SplitFlockAsync();
        var added = await _aliases.AddAsync(owner, "me", "Pellmore Rusk Intl", "Pellmore Rusk", CancellationToken.None);

        (await _members.InvitationsAsync(other)).Should().Contain(i => i.CompanyKey == "pellmoreruskintl", "another member's invitations are not touched");
        (await _aliases.ListAsync(other, CancellationToken.None)).Should().BeEmpty();
        (await _aliases.RemoveAsync(other, "them", added.AliasId!.Value, CancellationToken.None)).Outcome.Should().Be(TriageOutcome.NotFound);
        (await _aliases.ListAsync(owner, CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task SetCompanyAsync_ToAMergedName_JoinsTheCanonicalCompany()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Acme", Monday.AddHours(9)),
            From("Bo Ray", "Acme", Monday.AddHours(9).AddMinutes(20)),
            From("Cy Tan", "Anvil", Monday.AddHours(9).AddMinutes(40)) with { SenderCompany = null });
        await _aliases.AddAsync(owner, "me", "Acme Intl", "Acme", CancellationToken.None);
        var cy = (await _members.InvitationsAsync(owner)).Single(i => i.SenderName == "Cy Tan");

        await _store.Services.GetRequiredService<CompanyService>().SetCompanyAsync(owner, "me", cy.Id, "Acme Intl", CancellationToken.None);

        (await _members.InvitationsAsync(owner)).Single(i => i.Id == cy.Id).CompanyKey.Should().Be("acme");
        (await _members.FlocksAsync(owner, FlockStatus.Open)).Should().ContainSingle().Which.Members.Should().HaveCount(3);
    }

    [Fact]
    public async Task SuggestAsync_OffersLookAlikesWithTheBusierCompanyKept_AndChangesNothing()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(
            owner,
            From("Ada Quill", "Pellmore Rusk", Monday.AddHours(9)),
            From("Bo Ray", "Pellmore Rusk", Monday.AddDays(9)),
            From("Cy Tan", "Pellmore Rusc", Monday.AddDays(20)),
            From("Di Ho", "Anvil Works", Monday.AddDays(30)));

        var suggestions = await _aliases.SuggestAsync(owner, CancellationToken.None);

        suggestions.Should().ContainSingle();
        (suggestions[0].Alias.Key, suggestions[0].Canonical.Key, suggestions[0].Canonical.Invitations).Should().Be(("pellmorerusc", "pellmorerusk", 2));
        (await _aliases.ListAsync(owner, CancellationToken.None)).Should().BeEmpty();
        (await _members.InvitationsAsync(owner)).Should().Contain(i => i.CompanyKey == "pellmorerusc");
    }
}
