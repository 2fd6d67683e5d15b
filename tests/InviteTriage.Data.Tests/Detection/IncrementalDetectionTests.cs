using CsCheck;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.History;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Accounts;
using InviteTriage.Data.Detection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Detection;

/// <summary>
/// DETECTION.md: incremental detection and rebuild must give the same flocks for any arrival order. Generated
/// streams arrive in random orders and batch sizes, each batch followed by the incremental path; then a rebuild
/// must find nothing to change, and the memberships must equal the pure detector's over all the data.
/// </summary>
public abstract class IncrementalDetectionTests
{
    public sealed class OnSqlite(SqliteStore store) : IncrementalDetectionTests(store), IClassFixture<SqliteStore>;

    public sealed class OnPostgres(PostgresStore store) : IncrementalDetectionTests(store), IClassFixture<PostgresStore>;

    private static readonly DateTime Start = new(2025, 6, 2, 8, 0, 0, DateTimeKind.Utc);

    private readonly TriageStore _store;

    protected IncrementalDetectionTests(TriageStore store) => _store = store;

    private static Gen<Row[]> Streams { get; } =
        Gen.Select(
                Gen.Int[0, 2],
                Gen.Int[0, 6],
                Gen.Frequency((6, Gen.Int[0, 3]), (2, Gen.Int[0, 40]), (1, Gen.Int[0, 300])),
                Gen.Int[0, 24 * 60],
                Gen.Bool)
            .Select((company, sender, day, minute, generic) => new Row(company, sender, day, minute, generic))
            .Array[3, 45]
            .Select(rows => rows.DistinctBy(r => (r.Company, r.Sender, r.Day, r.Minute)).ToArray());

    [Fact]
    public async Task IncrementalDetection_AnyArrivalOrder_EqualsRebuild()
    {
        var flocksSeen = await CheckAsync(seed: null, iterations: 60);

        flocksSeen.Should().BeGreaterThan(10, "the generated streams must actually produce flocks, or the property says nothing");
    }

    // A case the property once found: a flock shrank while a new one took its members in the same save, and the
    // shrinking flock's "no flock" overwrote the new flock's claim on them.
    [Fact]
    public async Task IncrementalDetection_AFlockShrinksAsANewOneTakesItsMembers_PointsThemAtTheNewFlock()
    {
        var flocksSeen = await CheckAsync(seed: "0tedXKJKzaF1", iterations: 1);

        flocksSeen.Should().BePositive();
    }

    private async Task<int> CheckAsync(string? seed, int iterations)
    {
        var cases = Gen.Select(Streams, Gen.Int[1, 4], Gen.Int[0, int.MaxValue], Gen.Int[0, 3]);
        var flocksSeen = 0;

        await cases.SampleAsync(
            async (rows, batchSize, randomSeed, removals) =>
            {
                var order = rows.Select((row, index) => (row, key: new Random(randomSeed + index).Next())).OrderBy(x => x.key).Select(x => x.row).ToArray();
                var outcome = await RunAsync(order, batchSize, removals);

                outcome.Incremental.Should().Equal(outcome.Rebuilt, "a rebuild after the incremental path must find the same flocks");
                outcome.RebuildEvents.Should().Be(0, "a rebuild after the incremental path must have nothing left to change");
                outcome.IncrementalMembers.Should().Equal(outcome.PureMembers, "the stored flocks must be the pure detector's");
                outcome.IncrementalCandidates.Should().Equal(outcome.RebuiltCandidates, "the stored candidates must be the ones a rebuild stores");
                flocksSeen += outcome.Incremental.Count;
            },
            seed: seed,
            iter: iterations,
            threads: 1);

        return flocksSeen;
    }

    // The senders of an arrival come from the rows its detection read, not a read of their own; a sender who also
    // invited another member's flock re-scores that flock, although the arrival makes no flock of its own.
    [Fact]
    public async Task AnArrivalFromASenderOfAnotherMembersFlock_RescoresThatFlockWithCampaignSender()
    {
        var members = new Members(_store);
        string[] owners = [await members.AddAsync(), await members.AddAsync(), await members.AddAsync()];
        const string firm = "Quillon Sender Works";
        await members.ReceiveAsync(owners[0], [.. Enumerable.Range(0, 3).Select(k => Members.From($"Partner {k}", firm, Members.Monday.AddHours(9).AddMinutes(40 * k)))]);
        var alone = (await members.FlocksAsync(owners[0])).Single();

        await members.ReceiveAsync(owners[1], Members.From("Partner 0", firm, Members.Monday.AddDays(3)));
        await members.ReceiveAsync(owners[2], Members.From("Partner 0", firm, Members.Monday.AddDays(5)));

        alone.Reasons.Select(r => r.Rule).Should().NotContain(FlagRules.CampaignSender);
        (await members.FlocksAsync(owners[1])).Should().BeEmpty("one invitation makes no flock, so only the sender reaches the first member");
        (await members.FlocksAsync(owners[0])).Single().Reasons.Select(r => r.Rule).Should().Contain(FlagRules.CampaignSender,
            "the sender invited two other members within 14 days");
    }

    [Fact]
    public async Task OutOfOrderArrival_NewestFirst_GivesTheSameFlockAsInOrder()
    {
        var rows = Enumerable.Range(0, 4).Select(i => new Row(0, i, 0, 60 * i, Generic: true)).ToArray();

        var inOrder = await RunAsync(rows, 1);
        var reversed = await RunAsync([.. rows.Reverse()], 1);

        inOrder.Incremental.Should().ContainSingle();
        reversed.Incremental.Should().ContainSingle();
        inOrder.IncrementalMembers.Single().Split(',').Should().HaveCount(4);
        reversed.IncrementalMembers.Single().Split(',').Should().HaveCount(4);
    }

    // Three senders of firm 0 in an hour, and two more of its invitations within 20 days: over 21 days of data that
    // is p ≈ 1.5e-4, no flock. One invitation of firm 1 on day 89 stretches the data to 90 days, which makes firm 0's
    // burst p ≈ 2e-6 without touching firm 0; taking that invitation away again withdraws the flock. A user whose
    // candidates are not stored yet (from before they were kept) gets the same through the slower path.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ACoverageMove_RetestsOtherCompaniesCandidates_TheFlockComesAndGoesWithIt(bool candidatesStored)
    {
        var ownerId = await NewOwnerAsync();
        var companyPrefix = Guid.NewGuid().ToString("N")[..8];
        var detection = _store.Services.GetRequiredService<FlockDetectionService>();
        var factory = _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        Row[] firm0 = [new(0, 0, 0, 0, true), new(0, 1, 0, 20, true), new(0, 2, 0, 40, true), new(0, 3, 10, 0, true), new(0, 4, 20, 0, true)];
        await ArriveAsync([.. firm0.Select(r => r.ToInvitation(ownerId, companyPrefix))]);
        var quiet = await SnapshotAsync(ownerId);
        if (!candidatesStored)
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.FlockCandidates.Where(c => c.OwnerId == ownerId).ExecuteDeleteAsync();
            await db.Users.Where(u => u.Id == ownerId).ExecuteUpdateAsync(s => s.SetProperty(u => u.FlockCandidatesStored, false));
        }

        var far = new Row(1, 0, 89, 0, true).ToInvitation(ownerId, companyPrefix);
        await ArriveAsync([far]);
        var grown = await SnapshotAsync(ownerId);
        var grownCandidates = await CandidatesAsync(ownerId);
        await LeaveAsync(far);
        var shrunk = await SnapshotAsync(ownerId);

        quiet.Should().BeEmpty("over three weeks of data the burst is not surprising enough");
        grown.Should().ContainSingle("ninety days of data make the same burst surprising");
        shrunk.Should().BeEmpty("without the far invitation the data covers three weeks again");
        if (candidatesStored)
        {
            grownCandidates.Should().ContainSingle().Which.Should().StartWith($"{companyPrefix}firm0 ");
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            (await db.Flocks.SingleAsync(f => f.OwnerId == ownerId)).Status.Should().Be(FlockStatus.Withdrawn);
        }

        async Task ArriveAsync(List<Invitation> invitations)
        {
            var before = await detection.CoverageAsync(ownerId, CancellationToken.None);
            await using (var db = await factory.CreateDbContextAsync())
            {
                db.Invitations.AddRange(invitations);
                await db.SaveChangesAsync();
            }

            await detection.DetectAroundAsync(ownerId, [.. invitations.Select(i => new InvitationChange(i.CompanyKey, i.SentAt))], before, CancellationToken.None);
        }

        async Task LeaveAsync(Invitation invitation)
        {
            var before = await detection.CoverageAsync(ownerId, CancellationToken.None);
            await using (var db = await factory.CreateDbContextAsync())
            {
                await db.Invitations.Where(i => i.Id == invitation.Id).ExecuteDeleteAsync();
            }

            await detection.DetectAroundAsync(ownerId, [new InvitationChange(invitation.CompanyKey, invitation.SentAt)], before, CancellationToken.None);
        }
    }

    // A large employer inviting every 4 to 12 hours for 500 days is one gap-chain, longer than any arrival's read, so
    // the incremental path cuts it at known group starts (GroupStarts). Arrivals and removals in the middle, single
    // or in bursts of new senders (flocks), move where its groups begin; the cut stretches must still give exactly
    // what a rebuild gives. Invitations exactly every 8 hours are the hard case: there a moved group start moves
    // every later one for good, so the walk never meets a stored start again and must not stop early.
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    public async Task ALongGapChain_ArrivalsAndRemovalsInItsMiddle_EqualARebuild(int seed, bool everyEightHours)
    {
        var ownerId = await NewOwnerAsync();
        var companyPrefix = Guid.NewGuid().ToString("N")[..8];
        var detection = _store.Services.GetRequiredService<FlockDetectionService>();
        var factory = _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        var random = new Random(seed);
        var chain = new List<Row>();
        for (var minutes = 0; minutes < 500 * 24 * 60; minutes += everyEightHours ? 8 * 60 : random.Next(4 * 60, 12 * 60))
        {
            chain.Add(new Row(0, random.Next(40), minutes / (24 * 60), minutes % (24 * 60), Generic: random.Next(2) == 0));
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Invitations.AddRange(chain.Select(r => r.ToInvitation(ownerId, companyPrefix)));
            await db.SaveChangesAsync();
        }

        await detection.RebuildAsync(ownerId, CancellationToken.None);
        var flocksBefore = (await SnapshotAsync(ownerId)).Count;

        var sender = 100;
        for (var arrival = 0; arrival < 12; arrival++)
        {
            var day = random.Next(200, 300);
            var minute = random.Next(23 * 60);
            // Every third arrival is a burst of new senders within half an hour: a flock, and a group cut short.
            Row[] rows = arrival % 3 == 0
                ? [.. Enumerable.Range(0, 20).Select(i => new Row(0, sender++, day, minute + i, Generic: true))]
                : [new Row(0, sender++, day, minute, Generic: random.Next(2) == 0)];
            var before = await detection.CoverageAsync(ownerId, CancellationToken.None);
            var invitations = rows.Select(r => r.ToInvitation(ownerId, companyPrefix)).ToList();
            await using (var db = await factory.CreateDbContextAsync())
            {
                db.Invitations.AddRange(invitations);
                await db.SaveChangesAsync();
            }

            await detection.DetectAroundAsync(ownerId, [.. invitations.Select(i => new InvitationChange(i.CompanyKey, i.SentAt))], before, CancellationToken.None);
        }

        for (var removal = 0; removal < 4; removal++)
        {
            var before = await detection.CoverageAsync(ownerId, CancellationToken.None);
            await using var db = await factory.CreateDbContextAsync();
            var middle = await db.Invitations.Where(i => i.OwnerId == ownerId && i.SentAt >= Start.AddDays(200) && i.SentAt < Start.AddDays(300))
                .OrderBy(i => i.Id).Select(i => new { i.Id, i.CompanyKey, i.SentAt }).ToListAsync();
            var gone = middle[random.Next(middle.Count)];
            await db.Invitations.Where(i => i.Id == gone.Id).ExecuteDeleteAsync();
            await detection.DetectAroundAsync(ownerId, [new InvitationChange(gone.CompanyKey, gone.SentAt)], before, CancellationToken.None);
        }

        var incremental = await SnapshotAsync(ownerId);
        var incrementalMembers = await MembersAsync(ownerId);
        var incrementalCandidates = await CandidatesAsync(ownerId);
        var events = await CountEventsAsync(ownerId);
        await detection.RebuildAsync(ownerId, CancellationToken.None);

        incremental.Should().HaveCountGreaterThan(flocksBefore, "the bursts must make flocks, or the check says little about them");
        incremental.Should().Equal(await SnapshotAsync(ownerId), "a rebuild after the incremental path must find the same flocks");
        incrementalMembers.Should().Equal(await PureMembersAsync(ownerId), "the stored flocks must be the pure detector's");
        incrementalCandidates.Should().Equal(await CandidatesAsync(ownerId), "the stored candidates must be the ones a rebuild stores");
        (await CountEventsAsync(ownerId)).Should().Be(events, "a rebuild after the incremental path must have nothing left to change");
    }

    [Fact]
    public async Task TheBackfill_StoresTheCandidatesOfAUserFromBefore_OnceAndWithoutChangingTheirFlocks()
    {
        var ownerId = await NewOwnerAsync();
        var companyPrefix = Guid.NewGuid().ToString("N")[..8];
        var factory = _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Invitations.AddRange(Enumerable.Range(0, 4).Select(i => new Row(0, i, 0, 30 * i, Generic: true).ToInvitation(ownerId, companyPrefix)));
            db.Invitations.Add(new Row(1, 0, 3, 0, true).ToInvitation(ownerId, companyPrefix));
            await db.SaveChangesAsync();
        }

        await _store.Services.GetRequiredService<FlockDetectionService>().RebuildAsync(ownerId, CancellationToken.None);
        var flocks = await SnapshotAsync(ownerId);
        var candidates = await CandidatesAsync(ownerId);
        var events = await CountEventsAsync(ownerId);
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.FlockCandidates.Where(c => c.OwnerId == ownerId).ExecuteDeleteAsync();
            await db.Users.Where(u => u.Id == ownerId).ExecuteUpdateAsync(s => s.SetProperty(u => u.FlockCandidatesStored, false));
        }

        using (var backfill = ActivatorUtilities.CreateInstance<CandidateBackfillService>(_store.Services))
        {
            await backfill.StartAsync(CancellationToken.None);
            await backfill.ExecuteTask!;
        }

        (await CandidatesAsync(ownerId)).Should().Equal(candidates).And.ContainSingle();
        (await SnapshotAsync(ownerId)).Should().Equal(flocks).And.ContainSingle();
        (await CountEventsAsync(ownerId)).Should().Be(events, "the backfill finds the flocks already stored");
        await using (var db = await factory.CreateDbContextAsync())
        {
            (await db.Users.SingleAsync(u => u.Id == ownerId)).FlockCandidatesStored.Should().BeTrue("the next start must not rebuild this user again");
        }
    }

    /// <summary>
    /// The arrivals in batches, then <paramref name="removals"/> invitations taken away one at a time (an undone
    /// import), alternately the newest and the oldest, so that the data's coverage shrinks from both ends.
    /// </summary>
    private async Task<Outcome> RunAsync(IReadOnlyList<Row> arrivals, int batchSize, int removals = 0)
    {
        var ownerId = await NewOwnerAsync();
        var companyPrefix = Guid.NewGuid().ToString("N")[..8];
        var detection = _store.Services.GetRequiredService<FlockDetectionService>();
        var factory = _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();

        foreach (var batch in arrivals.Chunk(batchSize))
        {
            var coverageBefore = await detection.CoverageAsync(ownerId, CancellationToken.None);
            var invitations = batch.Select(row => row.ToInvitation(ownerId, companyPrefix)).ToList();
            await using (var db = await factory.CreateDbContextAsync())
            {
                db.Invitations.AddRange(invitations);
                await db.SaveChangesAsync();
            }

            await detection.DetectAroundAsync(ownerId, [.. invitations.Select(i => new InvitationChange(i.CompanyKey, i.SentAt))], coverageBefore, CancellationToken.None);
        }

        for (var removal = 0; removal < removals; removal++)
        {
            var coverageBefore = await detection.CoverageAsync(ownerId, CancellationToken.None);
            await using var db = await factory.CreateDbContextAsync();
            var mine = db.Invitations.Where(i => i.OwnerId == ownerId);
            var gone = await (removal % 2 == 0 ? mine.OrderByDescending(i => i.SentAt).ThenByDescending(i => i.Id) : mine.OrderBy(i => i.SentAt).ThenBy(i => i.Id))
                .FirstOrDefaultAsync();
            if (gone is null)
            {
                break;
            }

            await mine.Where(i => i.Id == gone.Id).ExecuteDeleteAsync();
            await detection.DetectAroundAsync(ownerId, [new InvitationChange(gone.CompanyKey, gone.SentAt)], coverageBefore, CancellationToken.None);
        }

        var incremental = await SnapshotAsync(ownerId);
        var incrementalMembers = await MembersAsync(ownerId);
        var incrementalCandidates = await CandidatesAsync(ownerId);
        var eventsBefore = await CountEventsAsync(ownerId);

        await detection.RebuildAsync(ownerId, CancellationToken.None);

        var rebuilt = await SnapshotAsync(ownerId);
        var rebuildEvents = await CountEventsAsync(ownerId) - eventsBefore;
        return new Outcome(incremental, rebuilt, rebuildEvents, incrementalMembers, await PureMembersAsync(ownerId), incrementalCandidates, await CandidatesAsync(ownerId));
    }

    private async Task<List<string>> CandidatesAsync(string ownerId)
    {
        await using var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var candidates = await db.FlockCandidates.AsNoTracking().Where(c => c.OwnerId == ownerId).ToListAsync();
        return [.. candidates.Select(c => $"{c.CompanyKey} {c.FirstSentAt:O} {c.LastSentAt:O} {c.SenderCount} {c.Baseline}").Order(StringComparer.Ordinal)];
    }

    private async Task<string> NewOwnerAsync()
    {
        await using var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var user = new TriageUser { UserName = $"{Guid.NewGuid():N}@example.com" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    private async Task<List<string>> SnapshotAsync(string ownerId)
    {
        await using var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var flocks = await db.Flocks.AsNoTracking().Include(f => f.Members)
            .Where(f => f.OwnerId == ownerId && (f.Status == FlockStatus.Open || f.Status == FlockStatus.Resolved))
            .ToListAsync();
        return [.. flocks
            .Select(f => $"{string.Join(',', f.Members.Select(m => m.InvitationId).Order())} {f.Status} {f.Severity} {f.Score:0.###} p={f.PValue:R} "
                + string.Join(" | ", f.Reasons.Select(r => r.ToString())))
            .Order(StringComparer.Ordinal)];
    }

    private async Task<List<string>> MembersAsync(string ownerId)
    {
        await using var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var current = await db.Invitations.AsNoTracking()
            .Where(i => i.OwnerId == ownerId && i.FlockId != null)
            .Select(i => new { i.Id, i.FlockId })
            .ToListAsync();
        return [.. current.GroupBy(i => i.FlockId).Select(g => string.Join(',', g.Select(i => i.Id).Order())).Order(StringComparer.Ordinal)];
    }

    private async Task<List<string>> PureMembersAsync(string ownerId)
    {
        await using var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var all = await db.Invitations.AsNoTracking().Where(i => i.OwnerId == ownerId)
            .Select(i => new DetectionInvitation(i.Id, i.CompanyKey, i.SenderKey, i.SentAt, i.MessageClass))
            .ToListAsync();
        return [.. FlockDetector.Detect(all, DetectionSettings.Default, DetectionContext.Empty)
            .Select(f => string.Join(',', f.MemberIds.Order()))
            .Order(StringComparer.Ordinal)];
    }

    private async Task<int> CountEventsAsync(string ownerId)
    {
        await using var db = await _store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        return await db.FlagEvents.CountAsync(e => e.OwnerId == ownerId && e.Kind != FlagEventKind.Imported);
    }

    private sealed record Outcome(
        List<string> Incremental, List<string> Rebuilt, int RebuildEvents, List<string> IncrementalMembers, List<string> PureMembers,
        List<string> IncrementalCandidates, List<string> RebuiltCandidates);

    private sealed record Row(int Company, int Sender, int Day, int Minute, bool Generic)
    {
        public Invitation ToInvitation(string ownerId, string companyPrefix)
        {
            var sentAt = Start.AddDays(Day).AddMinutes(Minute);
            return new Invitation
            {
                OwnerId = ownerId,
                SenderName = $"Sender {Sender}",
                SenderKey = $"https://www.linkedin.com/in/{companyPrefix}-{Company}-{Sender}",
                Company = $"Firm {Company}",
                CompanyKey = $"{companyPrefix}firm{Company}",
                SentAt = sentAt,
                SentMinute = (long)(sentAt - DateTime.UnixEpoch).TotalMinutes,
                MessageClass = Generic ? MessageClass.Generic : MessageClass.Personal,
                ReceivedAt = sentAt,
                UpdatedAt = sentAt,
            };
        }
    }
}
