using InviteTriage.Data.Detection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static InviteTriage.Data.Tests.Members;

namespace InviteTriage.Data.Tests.Detection;

/// <summary>
/// The rebuild reads a member's companies in blocks of whole companies, and <c>detect --all</c> rebuilds one member at
/// a time. Neither may change what is found.
/// </summary>
public abstract class RebuildTests
{
    public sealed class OnSqlite(SqliteStore store) : RebuildTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : RebuildTests(store), IClassFixture<PostgresStore>;

    // Every test's members share the store and detect --all rebuilds them all, so each test has a firm of its own.
    private const string Firm = "Larch Street Partners";

    private readonly TriageStore _store;
    private readonly Members _members;

    protected RebuildTests(TriageStore store)
    {
        _store = store;
        _members = new Members(store);
    }

    [Fact]
    public async Task RebuildAll_WithNoFlocksStored_GivesEveryMemberTheFlocksCandidatesAndCampaignScoresTheArrivalsGave()
    {
        string[] owners = [await _members.AddAsync(), await _members.AddAsync(), await _members.AddAsync()];
        for (var i = 0; i < owners.Length; i++)
        {
            await _members.ReceiveAsync(owners[i],
                [.. Enumerable.Range(0, 3 + i).Select(k => From($"Partner {i} {k}", Firm, Monday.AddDays(i).AddHours(9).AddMinutes(40 * k)))]);
        }

        var arrived = await StateAsync(owners);
        arrived.Flocks.Should().HaveCount(owners.Length);
        arrived.Flocks.Should().OnlyContain(f => f.Contains("CAMPAIGN_COMPANY", StringComparison.Ordinal), "each member's flock was re-scored as the others' appeared");

        // As a store whose flocks an older version wrote, or lost: every member's are rebuilt from nothing, and the
        // first member rebuilt finds no other member's flock yet.
        await using (var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync())
        {
            await db.Flocks.ExecuteDeleteAsync();
            await db.FlockCandidates.ExecuteDeleteAsync();
        }

        await _store.Services.GetRequiredService<FlockDetectionService>().RebuildAllAsync(CancellationToken.None);

        (await StateAsync(owners)).Should().BeEquivalentTo(arrived, options => options.WithStrictOrdering());
    }

    [Fact]
    public async Task Rebuild_InBlocksSmallerThanACompany_FindsWhatOneBlockFinds_AndClearsCompaniesWithNoInvitationsLeft()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner,
        [
            // Four colleagues at the same minute: a block can end between invitations of one time.
            .. Enumerable.Range(0, 4).Select(k => From($"Tied {k}", "Aspen Row", Monday.AddHours(9))),
            .. Enumerable.Range(0, 5).Select(k => From($"Birch {k}", "Birch Lane", Monday.AddDays(1).AddHours(8).AddMinutes(30 * k))),
            .. Enumerable.Range(0, 3).Select(k => From($"Cedar {k}", "Cedar Court", Monday.AddDays(2).AddHours(10).AddMinutes(20 * k))),
            .. Enumerable.Range(0, 6).Select(k => From($"Single {k}", $"Firm {k}", Monday.AddDays(k).AddHours(15))),
        ]);

        // Cedar Court's invitations go without detection seeing it (an older version's undo): its flock and
        // candidate are stored for a company that has nothing left.
        await using (var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync())
        {
            await db.Invitations.Where(i => i.OwnerId == owner && i.CompanyKey == "cedarcourt").ExecuteDeleteAsync();
        }

        var services = _store.Services;
        var inSmallBlocks = new FlockDetectionService(
            services.GetRequiredService<IDbContextFactory<TriageDbContext>>(), TimeProvider.System, NullLogger<FlockDetectionService>.Instance)
        {
            RebuildBlockRows = 3,
        };
        await inSmallBlocks.RebuildAsync(owner, CancellationToken.None);
        var small = await StateAsync([owner]);
        var events = (await _members.EventsAsync(owner)).Count;

        await services.GetRequiredService<FlockDetectionService>().RebuildAsync(owner, CancellationToken.None);

        (await StateAsync([owner])).Should().BeEquivalentTo(small, options => options.WithStrictOrdering());
        (await _members.EventsAsync(owner)).Should().HaveCount(events, "a rebuild in one block finds nothing the small blocks missed");
        small.Flocks.Should().HaveCount(3);
        small.Flocks.Where(f => f.Contains(" Open ", StringComparison.Ordinal)).Should().HaveCount(2, "Aspen Row and Birch Lane flock");
        small.Flocks.Should().ContainSingle(f => f.Contains("cedarcourt", StringComparison.Ordinal) && f.Contains(" Withdrawn ", StringComparison.Ordinal));
        small.Candidates.Should().HaveCount(2).And.NotContain(c => c.Contains("cedarcourt", StringComparison.Ordinal));
    }

    /// <summary>
    /// The settings preview reads block by block, as the rebuild does; in blocks smaller than a company it still counts
    /// the flocks, the likely ones and their members that detection stores with the same settings.
    /// </summary>
    [Fact]
    public async Task Preview_InBlocksSmallerThanACompany_CountsWhatDetectionStores()
    {
        var owner = await _members.AddAsync();
        await _members.ReceiveAsync(owner,
        [
            .. Enumerable.Range(0, 4).Select(k => From($"Elm {k}", "Elm Yard", Monday.AddHours(9))),
            .. Enumerable.Range(0, 5).Select(k => From($"Fir {k}", "Fir Walk", Monday.AddDays(1).AddHours(8).AddMinutes(30 * k))),
            .. Enumerable.Range(0, 3).Select(k => From($"Gum {k}", "Gum Close", Monday.AddDays(2).AddHours(10).AddMinutes(20 * k))),
            .. Enumerable.Range(0, 6).Select(k => From($"Lone {k}", $"Lone Firm {k}", Monday.AddDays(k).AddHours(15))),
        ]);
        var stored = await _members.FlocksAsync(owner);
        stored.Should().HaveCountGreaterThan(1, "the preview must add up more than one flock");
        var inSmallBlocks = new FlockDetectionService(
            _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>(), TimeProvider.System, NullLogger<FlockDetectionService>.Instance)
        {
            RebuildBlockRows = 3,
        };
        var settings = await _store.Services.GetRequiredService<Data.Settings.SettingsService>().GetAsync(owner, CancellationToken.None);

        var preview = await inSmallBlocks.PreviewAsync(owner, settings, CancellationToken.None);

        preview.Should().Be(new DetectionPreview(stored.Count, stored.Count(f => f.Severity == Core.Flocks.FlockSeverity.Likely), stored.Sum(f => f.Members.Count)));
    }

    [Fact]
    public async Task RebuildAll_PeerRescoreOfAMemberNotYetRebuilt_ChangesItsFlocks_AndTheEarlierMemberKeepsAStaleCampaignScore()
    {
        string[] owners = [await _members.AddAsync(), await _members.AddAsync(), await _members.AddAsync()];
        Array.Sort(owners, StringComparer.Ordinal);
        for (var i = 0; i < owners.Length; i++)
        {
            await _members.ReceiveAsync(owners[i],
                [.. Enumerable.Range(0, 3 + i).Select(k => From($"Partner {i} {k}", "Juniper Yard Partners", Monday.AddDays(i).AddHours(9).AddMinutes(40 * k)))]);
        }

        var factory = _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            // The first member's flocks are lost (so its rebuild changes something), the middle member's invitations go
            // without detection seeing them (its flock stays live, stale).
            await db.Flocks.Where(f => f.OwnerId == owners[0]).ExecuteDeleteAsync();
            await db.FlockCandidates.Where(c => c.OwnerId == owners[0]).ExecuteDeleteAsync();
            await db.Invitations.Where(i => i.OwnerId == owners[1]).ExecuteDeleteAsync();
        }

        var detection = _store.Services.GetRequiredService<FlockDetectionService>();
        await detection.RebuildAllAsync(CancellationToken.None);
        var once = await ReasonsAsync(owners);
        await detection.RebuildAllAsync(CancellationToken.None);
        var twice = await ReasonsAsync(owners);

        once.Should().Equal(twice, "a second rebuild of everyone changes nothing");
        once[0].Should().NotContain("CAMPAIGN_COMPANY", "only one other member (the last) still flocks at the firm");
    }

    private async Task<List<string>> ReasonsAsync(string[] owners)
    {
        var all = new List<string>();
        foreach (var owner in owners)
        {
            var flocks = await _members.FlocksAsync(owner);
            all.Add(string.Join(" ; ", flocks.Select(f => $"{f.Status} {f.Score} [{string.Join(", ", f.Reasons.Select(r => r.Rule))}]")));
        }

        return all;
    }

    /// <summary>Every member's flocks and candidates as text, without ids and times of detection.</summary>
    private async Task<(List<string> Flocks, List<string> Candidates)> StateAsync(string[] owners)
    {
        var flocks = new List<string>();
        var candidates = new List<string>();
        foreach (var owner in owners)
        {
            var invitations = (await _members.InvitationsAsync(owner)).ToDictionary(i => i.Id, i => i.SenderName);
            flocks.AddRange((await _members.FlocksAsync(owner)).Select(f =>
                $"{owner}: {f.CompanyKey} {f.FirstSentAt:O}..{f.LastSentAt:O} {f.Status} {f.Severity} {f.Score} p={f.PValue:R} " +
                $"[{string.Join(", ", f.Members.Select(m => invitations[m.InvitationId]).Order(StringComparer.Ordinal))}] " +
                string.Join(" | ", f.Reasons.Select(r => $"{r.Rule} {r.Score}: {r.Detail}"))));
            candidates.AddRange((await _members.CandidatesAsync(owner)).Select(c => $"{owner}: {c.CompanyKey} {c.FirstSentAt:O}..{c.LastSentAt:O} {c.SenderCount} B={c.Baseline}"));
        }

        return (flocks, candidates);
    }
}
