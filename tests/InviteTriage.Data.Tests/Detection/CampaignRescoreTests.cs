using InviteTriage.Core.Detection;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Detection;
using InviteTriage.Data.Imports;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Triage;
using InviteTriage.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Detection;

/// <summary>
/// A member's change re-scores other members' flocks by counting their campaign rules again, set-based, instead of
/// detecting each of them again (docs/scaling.md, 1,000 members). What it writes must be what a rebuild finds.
/// </summary>
public abstract class CampaignRescoreTests
{
    public sealed class OnSqlite(SqliteStore store) : CampaignRescoreTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : CampaignRescoreTests(store), IClassFixture<PostgresStore>;

    private static readonly string[] Senders = ["Ada Quarry", "Ben Quarry", "Cy Quarry", "Di Quarry", "Ed Quarry"];

    private readonly TriageStore _store;
    private readonly Members _members;

    protected CampaignRescoreTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
    }

    [Fact]
    public async Task ArrivalsGrowthAndUndo_AcrossMembersOfOneCampaign_LeaveEveryFlockScoredAsARebuildFromNothingScoresIt()
    {
        const string firm = "Quarry Lane Advisory";
        var owners = new string[6];
        for (var i = 0; i < owners.Length; i++)
        {
            owners[i] = await _members.AddAsync();
        }

        // The same four senders reach four members over three weeks; the fifth member hears from two of them only,
        // which is no flock of hers but counts for the others' CAMPAIGN_SENDER.
        await CampaignAsync(owners[0], firm, Monday, 4);
        await CampaignAsync(owners[1], firm, Monday.AddDays(2), 4);
        var undone = await CampaignAsync(owners[2], firm, Monday.AddDays(5), 4);
        await CampaignAsync(owners[3], firm, Monday.AddDays(20), 4);
        await CampaignAsync(owners[4], firm, Monday.AddDays(1), 2);
        var peak = await ReasonsAsync(owners);

        // Two senders in between reach back to the first member's flock and forward to the fourth's, which are then
        // counted together; a flock that grows moves no member count; an undone import takes a member away from every count.
        await CampaignAsync(owners[5], firm, Monday.AddDays(12), 2);
        await _members.ReceiveAsync(owners[1], From(Senders[4], firm, Monday.AddDays(2).AddHours(12)));
        (await _store.Services.GetRequiredService<ImportService>().UndoAsync(owners[2], "test", undone.BatchId!.Value, CancellationToken.None))
            .Outcome.Should().Be(TriageOutcome.Done);
        var arrived = await ReasonsAsync(owners);

        await using (var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync())
        {
            await db.Flocks.Where(f => owners.Contains(f.OwnerId)).ExecuteDeleteAsync();
            await db.FlockCandidates.Where(c => owners.Contains(c.OwnerId)).ExecuteDeleteAsync();
        }

        await _store.Services.GetRequiredService<FlockDetectionService>().RebuildAllAsync(CancellationToken.None);

        (await ReasonsAsync(owners)).Should().Equal(arrived);
        peak.Should().Contain(r => r.Contains("also flocked 2 other members", StringComparison.Ordinal), "the first three members flocked within a week of each other");
        peak.Should().Contain(r => r.Contains("also invited 3 other members", StringComparison.Ordinal), "a sender reached three other members within 14 days");
        arrived.Should().NotContain(r => r.Contains("also flocked 2 other members", StringComparison.Ordinal), "the undone member no longer counts");
        arrived.Should().Contain(r => r.StartsWith("member 3:", StringComparison.Ordinal) && !r.Contains(FlagRules.CampaignSender, StringComparison.Ordinal),
            "within 14 days of the fourth member only the sixth heard from those senders");
    }

    [Fact]
    public async Task AChangeThatMovesNoCountOfAnotherMembersFlock_LeavesThatFlockUnwritten()
    {
        const string firm = "Gravel Pit Partners";
        string[] owners = [await _members.AddAsync(), await _members.AddAsync(), await _members.AddAsync()];
        for (var i = 0; i < owners.Length; i++)
        {
            await CampaignAsync(owners[i], firm, Monday.AddDays(i), 4);
        }

        var before = (await _members.FlocksAsync(owners[0])).Single();
        before.Reasons.Should().Contain(r => r.Rule == FlagRules.CampaignCompany);

        // The second member's flock grows by a sender no one else heard from: the first member's flock is reached
        // (its company changed within 7 days) but neither of its counts moves.
        await _members.ReceiveAsync(owners[1], From(Senders[4], firm, Monday.AddDays(1).AddHours(12)));

        var after = (await _members.FlocksAsync(owners[0])).Single();
        after.UpdatedAt.Should().Be(before.UpdatedAt);
        after.Reasons.Should().Equal(before.Reasons);
        (await _members.FlocksAsync(owners[1])).Single().Members.Should().HaveCount(5);
    }

    [Fact]
    public async Task AnImportLargeEnoughToRebuild_AndItsUndo_ReScoreOtherMembersItReachesOnlyThroughCampaignSender()
    {
        const string firm = "Scree Slope Capital";
        string[] owners = [await _members.AddAsync(), await _members.AddAsync(), await _members.AddAsync()];
        await CampaignAsync(owners[0], firm, Monday, 4);
        await CampaignAsync(owners[1], firm, Monday.AddDays(2), 4);
        (await ReasonsAsync(owners)).Should().NotContain(r => r.Contains(FlagRules.CampaignSender, StringComparison.Ordinal), "one other member is too few");

        // Two of the senders reach the third member too, which is no flock of hers, within an import over the
        // rebuild threshold: the first two members' flocks are reached through their senders alone.
        InvitationDraft[] large =
        [
            .. Senders.Take(2).Select((name, k) => From(name, firm, Monday.AddDays(1).AddHours(9 + k))),
            .. Enumerable.Range(0, ImportService.RebuildThreshold + 1).Select(k => From($"Solo Sender {k}", $"Solo Firm {k}", Monday.AddDays(-400).AddHours(3 * k), line: k + 3)),
        ];
        var imported = await _members.ReceiveAsync(owners[2], large);
        imported.Added.Should().Be(large.Length);
        var afterImport = await ReasonsAsync(owners);

        (await RebuiltFromNothingAsync(owners)).Should().Equal(afterImport);
        afterImport.Should().Contain(r => r.Contains("also invited 2 other members", StringComparison.Ordinal));

        (await _store.Services.GetRequiredService<ImportService>().UndoAsync(owners[2], "test", imported.BatchId!.Value, CancellationToken.None))
            .Outcome.Should().Be(TriageOutcome.Done);
        var afterUndo = await ReasonsAsync(owners);

        (await RebuiltFromNothingAsync(owners)).Should().Equal(afterUndo);
        afterUndo.Should().NotContain(r => r.Contains("also invited 2 other members", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UndoOfAnImportInNoFlock_ReScoresOtherMembersWhoseCampaignSenderCountedIt()
    {
        const string firm = "Talus Field Group";
        string[] owners = [await _members.AddAsync(), await _members.AddAsync(), await _members.AddAsync()];
        await CampaignAsync(owners[0], firm, Monday, 4);
        await CampaignAsync(owners[1], firm, Monday.AddDays(2), 4);
        var unflocked = await CampaignAsync(owners[2], firm, Monday.AddDays(1), 2);
        (await _members.FlocksAsync(owners[2])).Should().BeEmpty();
        (await ReasonsAsync(owners)).Should().Contain(r => r.Contains("also invited 2 other members", StringComparison.Ordinal));

        (await _store.Services.GetRequiredService<ImportService>().UndoAsync(owners[2], "test", unflocked.BatchId!.Value, CancellationToken.None))
            .Outcome.Should().Be(TriageOutcome.Done);
        var afterUndo = await ReasonsAsync(owners);

        (await RebuiltFromNothingAsync(owners)).Should().Equal(afterUndo);
        afterUndo.Should().NotContain(r => r.Contains("also invited 2 other members", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AMergeThatGivesASenderKnownByNameItsProfileUrl_ReScoresOtherMembersWhoCountedTheName(bool largeEnoughToRebuild)
    {
        var firm = largeEnoughToRebuild ? "Cirque Basin Holdings" : "Tarn Basin Holdings";
        string[] owners = [await _members.AddAsync(), await _members.AddAsync(), await _members.AddAsync()];

        // Invitation e-mails name no profile, so every member knows these senders by name and company alone.
        await ByMailAsync(owners[0], Senders.Take(4).Select((name, k) => From(name, firm, Monday.AddHours(9).AddMinutes(40 * k))));
        await ByMailAsync(owners[1], Senders.Take(4).Select((name, k) => From(name, firm, Monday.AddDays(2).AddHours(9).AddMinutes(40 * k))));
        await ByMailAsync(owners[2], Senders.Take(2).Select((name, k) => From(name, firm, Monday.AddDays(1).AddHours(9).AddMinutes(40 * k))));
        (await ReasonsAsync(owners)).Should().Contain(r => r.StartsWith("member 0:", StringComparison.Ordinal) && r.Contains("also invited 2 other members", StringComparison.Ordinal));

        // The third member's export then gives those two invitations their profile URLs: merged, they are no longer
        // the senders the other two members know by name, so the first member's flock counts one other member.
        InvitationDraft[] export =
        [
            .. Senders.Take(2).Select((name, k) => From(name, firm, Monday.AddDays(1).AddHours(9).AddMinutes(40 * k), line: k + 1)),
            .. Enumerable.Range(0, largeEnoughToRebuild ? ImportService.RebuildThreshold + 1 : 0)
                .Select(k => From($"Solo Sender {k}", $"Solo Firm {k}", Monday.AddDays(-400).AddHours(3 * k), line: k + 3)),
        ];
        var merged = await _members.ReceiveAsync(owners[2], export);
        merged.Merged.Should().Be(2);
        var afterMerge = await ReasonsAsync(owners);

        (await RebuiltFromNothingAsync(owners)).Should().Equal(afterMerge);
        afterMerge.Should().NotContain(r => r.Contains("also invited 2 other members", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SettingTheCompanyOfASenderKnownByName_ReScoresOtherMembersWhoCountedItUnderTheOldCompany()
    {
        const string firm = "Corrie Edge Partners";
        string[] owners = [await _members.AddAsync(), await _members.AddAsync(), await _members.AddAsync()];

        // The third member heard from two of the senders ten days after the first member's flock: too far for the
        // company's reach (7 days), within the senders' (14 days).
        await ByMailAsync(owners[0], Senders.Take(4).Select((name, k) => From(name, firm, Monday.AddHours(9).AddMinutes(40 * k))));
        await ByMailAsync(owners[1], Senders.Take(4).Select((name, k) => From(name, firm, Monday.AddDays(2).AddHours(9).AddMinutes(40 * k))));
        await ByMailAsync(owners[2], Senders.Take(2).Select((name, k) => From(name, firm, Monday.AddDays(10).AddHours(9).AddMinutes(40 * k))));
        (await ReasonsAsync(owners)).Should().Contain(r => r.StartsWith("member 0:", StringComparison.Ordinal) && r.Contains("also invited 2 other members", StringComparison.Ordinal));

        // She knows better: both work elsewhere. Their keys follow the company, so they are no longer the senders
        // the first two members know.
        var companies = _store.Services.GetRequiredService<CompanyService>();
        foreach (var invitation in await _members.InvitationsAsync(owners[2]))
        {
            (await companies.SetCompanyAsync(owners[2], "test", invitation.Id, "Scarp Line Logistics", CancellationToken.None)).Outcome.Should().Be(TriageOutcome.Done);
        }

        var afterSetting = await ReasonsAsync(owners);
        (await RebuiltFromNothingAsync(owners)).Should().Equal(afterSetting);
        afterSetting.Should().NotContain(r => r.Contains("also invited 2 other members", StringComparison.Ordinal));
    }

    private Task<ImportSummary> ByMailAsync(string owner, IEnumerable<InvitationDraft> drafts) =>
        _members.ReceiveAsync(owner, [.. drafts.Select(d => d with { SenderProfileUrl = null, Source = InvitationSource.Email })]);

    [Fact]
    public async Task ASenderSpreadOverMonths_CountsForEachFlockOnlyTheMembersWithin14Days_AndOnlyEarlierInvitationsAsRepeats()
    {
        const string firm = "Moraine Ridge Search";
        string[] owners = [await _members.AddAsync(), await _members.AddAsync(), await _members.AddAsync()];
        await CampaignAsync(owners[0], firm, Monday, 4);
        await CampaignAsync(owners[0], firm, Monday.AddDays(30), 4);
        await CampaignAsync(owners[1], firm, Monday.AddDays(2), 2);
        await CampaignAsync(owners[2], firm, Monday.AddDays(5), 2);

        var rebuilt = await RebuiltFromNothingAsync(owners);

        var flocks = (await _members.FlocksAsync(owners[0])).OrderBy(f => f.FirstSentAt).ToList();
        flocks.Should().HaveCount(2, string.Join(" / ", rebuilt));
        flocks[0].Reasons.Should().Contain(r => r.Rule == FlagRules.CampaignSender && r.Detail.Contains("also invited 2 other members", StringComparison.Ordinal))
            .And.NotContain(r => r.Rule == FlagRules.RepeatInvite, "its senders invited this member later, not before");
        flocks[1].Reasons.Should().NotContain(r => r.Rule == FlagRules.CampaignSender, "the other members heard from these senders 25 days and more before")
            .And.Contain(r => r.Rule == FlagRules.RepeatInvite);
    }

    /// <summary>Every member's flocks as a rebuild of everyone finds them, from no stored flocks or candidates.</summary>
    private async Task<List<string>> RebuiltFromNothingAsync(string[] owners)
    {
        await using (var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync())
        {
            await db.Flocks.Where(f => owners.Contains(f.OwnerId)).ExecuteDeleteAsync();
            await db.FlockCandidates.Where(c => owners.Contains(c.OwnerId)).ExecuteDeleteAsync();
        }

        await _store.Services.GetRequiredService<FlockDetectionService>().RebuildAllAsync(CancellationToken.None);
        return await ReasonsAsync(owners);
    }

    private Task<ImportSummary> CampaignAsync(string owner, string firm, DateTime day, int senders) =>
        _members.ReceiveAsync(owner, [.. Senders.Take(senders).Select((name, k) => From(name, firm, day.AddHours(9).AddMinutes(40 * k)))]);

    /// <summary>Every member's live flocks as score, severity and explanation, in member order.</summary>
    private async Task<List<string>> ReasonsAsync(string[] owners)
    {
        var all = new List<string>();
        for (var i = 0; i < owners.Length; i++)
        {
            foreach (var flock in await _members.FlocksAsync(owners[i], Core.Flocks.FlockStatus.Open, Core.Flocks.FlockStatus.Resolved))
            {
                all.Add($"member {i}: {flock.FirstSentAt:O} {flock.Score} {flock.Severity} {string.Join(" | ", flock.Reasons.Select(r => $"{r.Rule} {r.Score}: {r.Detail}"))}");
            }
        }

        return all;
    }
}
