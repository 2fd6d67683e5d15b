using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics;
using InviteTriage.Core.Detection;
using InviteTriage.Data.Companies;
using InviteTriage.Data.History;
using InviteTriage.Data.Flocks;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.History;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.Settings;
using InviteTriage.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Data.Detection;

/// <summary>
/// Keeps every user's stored flocks equal to what <see cref="FlockDetector"/> finds in their invitations.
/// The incremental path re-detects only the stretches of company timelines that a change can affect; the
/// rebuild re-detects everything. Both call <see cref="FlockDetector.DetectCompany"/> on whole gap-chains and
/// reconcile the same way, which is why they agree.
/// </summary>
public sealed class FlockDetectionService(IDbContextFactory<TriageDbContext> dbFactory, TimeProvider time, ILogger<FlockDetectionService> logger)
{
    /// <summary>Who the history names for decisions of the auto-archive rule.</summary>
    public const string AutoArchiveActor = "rule:auto-archive";

    // A change at t alters the baseline of every candidate within 90 days of t.
    private static readonly TimeSpan BaselineReach = TimeSpan.FromDays(SurpriseTest.BaselineDays);

    // How many spans S of rows a region's read holds beyond what its baseline needs, on each side: room for a few
    // group starts of a long chain to cut it at (GroupStarts).
    private const int AnchorSpans = 3;

    // Read on every arrival, so compiled once (see DetectionLoader).
    private static readonly CompiledPerModel<Func<TriageDbContext, string, CancellationToken, Task<UserSettings?>>> StoredSettings = new(() =>
        EF.CompileAsyncQuery((TriageDbContext db, string owner, CancellationToken _) => db.UserSettings.AsNoTracking().SingleOrDefault(s => s.OwnerId == owner)));

    private static readonly CompiledPerModel<Func<TriageDbContext, string, List<string>, DateTime, DateTime, IAsyncEnumerable<Flock>>> StoredFlocks = new(() =>
        EF.CompileAsyncQuery((TriageDbContext db, string owner, List<string> companies, DateTime from, DateTime to) => db.Flocks
            .AsNoTracking()
            .Where(f => f.OwnerId == owner && companies.Contains(f.CompanyKey) && f.Status != FlockStatus.Dismissed && f.FirstSentAt <= to && f.LastSentAt >= from)
            .Include(f => f.Members)));

    // Detection of one user is read-compute-write; two at once would race to create the same flock.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> OwnerLocks = new(StringComparer.Ordinal);

    /// <summary>About how many invitations a rebuild holds in memory at a time (<see cref="RebuildOwnerAsync"/>); tests cut companies with fewer.</summary>
    internal int RebuildBlockRows { get; init; } = 10_000;

    /// <summary>The user's data coverage now; callers take it before a change and pass it to <see cref="DetectAroundAsync"/>.</summary>
    public async Task<DataCoverage?> CoverageAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CoverageAsync(db, ownerId, cancellationToken);
    }

    /// <summary>As above, in the caller's unit of work: a context of its own costs as much as the read.</summary>
    internal static Task<DataCoverage?> CoverageAsync(TriageDbContext db, string ownerId, CancellationToken cancellationToken) =>
        new DetectionLoader(db, ownerId).CoverageAsync(cancellationToken);

    /// <summary>
    /// The incremental path: re-detects the neighbourhood of changed invitations, and other members' flocks they touch.
    /// <paramref name="replacedSenders"/> are sender keys the change took from stored invitations (a sender known by
    /// name whose company was set): no read finds them any more, yet other members' CAMPAIGN_SENDER may count them.
    /// </summary>
    public async Task DetectAroundAsync(
        string ownerId, IReadOnlyCollection<InvitationChange> changes, DataCoverage? coverageBefore, CancellationToken cancellationToken,
        IReadOnlyList<(string SenderKey, DateTime SentAt)>? replacedSenders = null)
    {
        if (changes.Count == 0)
        {
            return;
        }

        // One context and one transaction for the user's own work, as an import does (DetectWithinAsync): each
        // context and each turn at the write lock cost about as much as the reads of a small arrival.
        var peers = await WithOwnerLockAsync(ownerId, db => DetectWithinAsync(db, ownerId, changes, rebuild: false, coverageBefore, cancellationToken, replacedSenders), cancellationToken);
        await RescorePeersAsync(ownerId, peers, cancellationToken);
    }

    /// <summary>
    /// Holds the user's detection lock. A caller that detects inside its own transaction takes it before beginning
    /// that transaction, as <see cref="WithOwnerLockAsync{T}"/> does, so that the lock and SQLite's write lock are
    /// always taken in the same order.
    /// </summary>
    internal static async Task<IDisposable> LockOwnerAsync(string ownerId, CancellationToken cancellationToken)
    {
        var gate = OwnerLocks.GetOrAdd(ownerId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new OwnerLock(gate);
    }

    /// <summary>
    /// Detects what an import (or its undo) changed inside the caller's transaction, under the caller's
    /// <see cref="LockOwnerAsync"/>: the user's flocks then commit with the invitations, all or nothing. Returns what
    /// other members' campaign scores need; the caller re-scores them with <see cref="RescorePeersAsync(string, PeerRescore, CancellationToken)"/>
    /// after committing, because that takes their locks.
    /// </summary>
    internal async Task<PeerRescore> DetectWithinAsync(
        TriageDbContext db, string ownerId, IReadOnlyCollection<InvitationChange> changes, bool rebuild, DataCoverage? coverageBefore, CancellationToken cancellationToken,
        IReadOnlyList<(string SenderKey, DateTime SentAt)>? replacedSenders = null)
    {
        if (rebuild)
        {
            var rebuilt = await RebuildOwnerAsync(db, ownerId, readAhead: false, cancellationToken);
            await AutoArchiveAsync(db, ownerId, cancellationToken);
            return new PeerRescore(rebuilt, []);
        }

        if (changes.Count == 0)
        {
            return new PeerRescore([], []);
        }

        var settings = await MemberSettingsAsync(db, ownerId, cancellationToken);
        var read = new List<DetectionRow>();
        var touched = await DetectChangesAsync(db, ownerId, changes, coverageBefore, settings.Detection, cancellationToken, read);
        if (settings.AutoArchiveLikely)
        {
            await ArchiveLikelyAsync(db, ownerId, cancellationToken);
        }

        // Which of other members' flocks this can move is read here, in the detection's own context and transaction,
        // not in a context of its own after it: most arrivals change no flock of the user's, and for them this one
        // read is all of the peers' re-score, which cost as much as the user's own detection (docs/performance.md,
        // "Fewer round trips per arrival"). The re-score itself still waits for the commit, as it takes their locks.
        var reached = await CampaignRescore.ReachedAsync(db, ownerId, touched, [.. SendersOf(changes, read), .. replacedSenders ?? []], cancellationToken);
        return new PeerRescore([], []) { Reached = reached };
    }

    internal Task RescorePeersAsync(string ownerId, PeerRescore rescore, CancellationToken cancellationToken) =>
        RescorePeersAsync(ownerId, rescore.Touched, rescore.Senders, cancellationToken, reachedAlready: rescore.Reached);

    /// <summary>A full recompute for one user (settings changed, or on request).</summary>
    public async Task RebuildAsync(string ownerId, CancellationToken cancellationToken)
    {
        var touched = await WithOwnerLockAsync(ownerId, db => RebuildOwnerAsync(db, ownerId, readAhead: true, cancellationToken), cancellationToken);
        await RescorePeersAsync(ownerId, touched, [], cancellationToken);
        await AutoArchiveAsync(ownerId, cancellationToken);
    }

    /// <summary>
    /// Stores the candidates of a user from before candidates were kept, by one rebuild (<see cref="CandidateBackfillService"/>).
    /// Checked under the user's lock, so a user another instance or an import already rebuilt is not rebuilt again.
    /// </summary>
    public async Task StoreCandidatesAsync(string ownerId, CancellationToken cancellationToken)
    {
        var touched = await WithOwnerLockAsync(
            ownerId,
            async db => await new DetectionLoader(db, ownerId).CandidatesStoredAsync(cancellationToken) ? [] : await RebuildOwnerAsync(db, ownerId, readAhead: true, cancellationToken),
            cancellationToken);
        await RescorePeersAsync(ownerId, touched, [], cancellationToken);
    }

    /// <summary>
    /// A full recompute for every user, one user at a time. Memberships do not depend on other users, only campaign
    /// scores do: a user rebuilt early scored against the others' flocks as they were, so each user's changed
    /// stretches re-score the flocks of others they reach, as an arrival does. A rebuild that changes nothing reads
    /// every invitation once.
    /// </summary>
    public async Task RebuildAllAsync(CancellationToken cancellationToken)
    {
        List<string> owners;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            owners = await db.Users.Select(u => u.Id).OrderBy(id => id).ToListAsync(cancellationToken);
        }

        var rebuilt = new HashSet<string>(StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            var touched = await WithOwnerLockAsync(owner, db => RebuildOwnerAsync(db, owner, readAhead: true, cancellationToken), cancellationToken);
            // Only members rebuilt already: their memberships are settled, so a re-score changes scores alone. One not
            // rebuilt yet may hold stale flocks, which a re-score would repair without anyone re-scoring its peers;
            // its own rebuild scores it against the flocks as they are then.
            await RescorePeersAsync(owner, touched, [], cancellationToken, rebuilt);
            rebuilt.Add(owner);
        }

        foreach (var owner in owners)
        {
            await AutoArchiveAsync(owner, cancellationToken);
        }
    }

    /// <summary>
    /// The optional rule of DETECTION.md, "archive likely flocks automatically": pending members of the user's open
    /// likely flocks are archived as one decision by <see cref="AutoArchiveActor"/>, with history, so it can be undone
    /// like any other. An invitation the rule archived once is never archived by it again, so a member the user
    /// brings back stays pending.
    /// </summary>
    private Task<int> AutoArchiveAsync(string ownerId, CancellationToken cancellationToken) =>
        WithOwnerLockAsync(ownerId, db => AutoArchiveAsync(db, ownerId, cancellationToken), cancellationToken);

    private async Task<int> AutoArchiveAsync(TriageDbContext db, string ownerId, CancellationToken cancellationToken) =>
        await db.UserSettings.AnyAsync(s => s.OwnerId == ownerId && s.AutoArchiveLikely, cancellationToken)
            ? await ArchiveLikelyAsync(db, ownerId, cancellationToken)
            : 0;

    /// <summary>The auto-archive rule's work, for a user who has it on.</summary>
    private async Task<int> ArchiveLikelyAsync(TriageDbContext db, string ownerId, CancellationToken cancellationToken)
    {
        // From the owner's likely flocks through the FlockId index: they are few, pending invitations are many.
        var targets =
            from flock in db.Flocks
            where flock.OwnerId == ownerId && flock.Status == FlockStatus.Open && flock.Severity == FlockSeverity.Likely
            join invitation in db.Invitations on flock.Id equals invitation.FlockId
            where invitation.Status == InvitationStatus.Pending
                && !db.FlagEventChanges.Any(c => c.InvitationId == invitation.Id && db.FlagEvents.Any(e => e.Id == c.FlagEventId && e.Actor == AutoArchiveActor))
            select new { invitation.Id, FlockId = flock.Id };
        if (!await targets.AnyAsync(cancellationToken))
        {
            return 0;
        }

        // Inside the owner's detection transaction. The event is written first, which takes the write lock, so the
        // targets read next cannot change under us.
        var now = time.GetUtcNow().UtcDateTime;
        var archive = new FlagEvent { OwnerId = ownerId, Kind = FlagEventKind.StatusChanged, Actor = AutoArchiveActor, OccurredAt = now, Summary = "" };
        db.FlagEvents.Add(archive);
        await db.SaveChangesAsync(cancellationToken);
        var rows = await targets.ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            db.FlagEvents.Remove(archive);
            await db.SaveChangesAsync(cancellationToken);
            return 0;
        }

        var ids = rows.Select(r => r.Id).ToList();
        var flockIds = rows.Select(r => r.FlockId).Distinct().ToList();
        await HistoryWriter.StatusChangesAsync(db, archive.Id, ownerId, ids, InvitationStatus.Archived, cancellationToken);
        await db.Invitations.Where(i => i.OwnerId == ownerId && ids.Contains(i.Id) && i.Status == InvitationStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvitationStatus.Archived).SetProperty(i => i.UpdatedAt, now), cancellationToken);
        await FlockStatuses.RefreshAsync(db, ownerId, flockIds, cancellationToken);
        archive.FlockId = flockIds.Count == 1 ? flockIds[0] : null;
        archive.Summary = $"Archived {rows.Count} invitation(s) of {flockIds.Count} likely flock(s) automatically";
        await db.SaveChangesAsync(cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Archived {Count} invitations of likely flocks for {Owner} by the auto-archive rule", rows.Count, ownerId);
        }

        return rows.Count;
    }

    /// <summary>
    /// What detection would find in the user's data with other settings, stored nothing: the settings page's preview.
    /// It runs the same pure detector, with the same scoring facts, as a rebuild.
    /// </summary>
    public async Task<DetectionPreview> PreviewAsync(string ownerId, UserSettings proposed, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = DetectionSettings.From(proposed, await CompanyAliasService.MapAsync(db, ownerId, cancellationToken));

        // The loader reads through prepared commands on a transaction, as the rebuild does; this one only reads and
        // is rolled back when disposed. On SQLite it is deferred (ReadUncommitted) and takes no turn in the writer
        // queue: a preview of a member with many invitations takes seconds, and every decision waited behind it (the
        // load test with 20 circuits visiting Settings). It still reads one snapshot.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadUncommitted, cancellationToken);
        var loader = new DetectionLoader(db, ownerId);
        if (await loader.CoverageAsync(cancellationToken) is not { } coverage)
        {
            return new DetectionPreview(0, 0, 0);
        }

        // Block by block, as the rebuild reads (whole companies, RebuildBlockRows invitations at a time): the preview
        // holds one block, where it held every invitation of every candidate company at once, over a gigabyte for a
        // member with a million.
        var dismissed = await loader.DismissedMembershipsAsync(cancellationToken);
        var (flocks, likely, members) = (0, 0, 0);
        await foreach (var rows in loader.CompanyBlocksAsync(RebuildBlockRows, cancellationToken))
        {
            // Only companies with at least N invitations can hold a candidate, as in the rebuild.
            var companies = rows.GroupBy(r => r.CompanyKey, StringComparer.Ordinal)
                .Where(g => g.Count() >= settings.MinSenders)
                .Select(g => (Key: g.Key, Invitations: g.Select(r => r.ToDetection(dismissed)).ToList()))
                .ToList();
            if (companies.Count == 0)
            {
                continue;
            }

            var context = new DetectionContext(await loader.KnownCompanyKeysAsync([.. companies.Select(c => c.Key)], cancellationToken), []);
            var found = Detect(companies, context);
            if (found.Count > 0)
            {
                var memberIds = found.SelectMany(f => f.MemberIds).ToHashSet();
                var withFacts = (await loader.WithScoringFactsAsync([.. companies.SelectMany(c => c.Invitations).Where(i => memberIds.Contains(i.Id))], cancellationToken))
                    .ToDictionary(m => m.Id);
                var peers = await loader.PeerFlocksAsync(
                    [.. found.Select(f => f.CompanyKey).Distinct(StringComparer.Ordinal)], found.Min(f => f.FirstSentAt), found.Max(f => f.LastSentAt), cancellationToken);
                companies = [.. companies.Select(c => (c.Key, c.Invitations.Select(i => withFacts.GetValueOrDefault(i.Id, i)).ToList()))];
                found = Detect(companies, context with { PeerFlocks = peers });
            }

            flocks += found.Count;
            likely += found.Count(f => f.Severity == FlockSeverity.Likely);
            members += found.Sum(f => f.MemberIds.Count);
        }

        return new DetectionPreview(flocks, likely, members);

        List<DetectedFlock> Detect(List<(string Key, List<DetectionInvitation> Invitations)> companies, DetectionContext facts) =>
            [.. companies.SelectMany(c => FlockDetector.DetectCompany(c.Key, c.Invitations, [.. c.Invitations.Select(i => i.SentAt)], coverage, settings, facts))];
    }

    private async Task<List<TouchedStretch>> DetectChangesAsync(
        TriageDbContext db, string ownerId, IReadOnlyCollection<InvitationChange> changes, DataCoverage? coverageBefore, DetectionSettings settings,
        CancellationToken cancellationToken, List<DetectionRow>? read = null)
    {
        var loader = new DetectionLoader(db, ownerId);
        var coverage = await loader.CoverageAsync(cancellationToken);
        var regions = changes
            .Where(c => c.CompanyKey is not null)
            .Select(c => new DetectionRegion(c.CompanyKey!, c.SentAt - BaselineReach, c.SentAt + BaselineReach))
            .ToList();

        // Where the data's first or last day moved, every candidate within 90 days of that edge has a new clipped
        // baseline window, whatever its company. Stored candidates re-test it, and only a changed verdict is detected
        // again; a user whose candidates are not stored yet has every candidate company there detected again.
        if (coverageBefore is not null && coverage is not null && coverageBefore != coverage)
        {
            var edges = MovedEdges(coverageBefore, coverage).ToList();
            if (await loader.CandidatesStoredAsync(cancellationToken))
            {
                regions.AddRange(await RetestAtEdgesAsync(db, loader, ownerId, edges, coverage, settings, cancellationToken));
            }
            else
            {
                foreach (var (from, to) in edges)
                {
                    // A candidate reaching into the edge window may start up to a span S before it.
                    foreach (var company in await loader.CandidateCompaniesBetweenAsync(from - settings.Span, to, settings.MinSenders, cancellationToken))
                    {
                        regions.Add(new DetectionRegion(company, from, to));
                    }
                }
            }
        }

        return await DetectRegionsAsync(db, loader, ownerId, DetectionRegion.Merge(regions), coverage, cancellationToken, settings, read);
    }

    /// <summary>
    /// Re-tests the stored candidates near the moved edges against the new coverage, and compares each verdict with
    /// what is stored: a candidate that should now be a flock and is not, or a flock that should no longer be one,
    /// is returned as a region to detect again; a flock that stays one gets its new p-value in place, which is all
    /// a detection would change about it. Nothing else about a candidate depends on the coverage, so this equals
    /// detecting every company near the edges again. The stored state, not the caller's earlier coverage, is the
    /// "before", so a change another process committed in between is caught up with too.
    /// </summary>
    private async Task<List<DetectionRegion>> RetestAtEdgesAsync(
        TriageDbContext db, DetectionLoader loader, string ownerId, IReadOnlyList<(DateTime From, DateTime To)> edges, DataCoverage coverage,
        DetectionSettings settings, CancellationToken cancellationToken)
    {
        var candidates = new Dictionary<long, DetectedCandidate>();
        var flocks = new Dictionary<long, Flock>();
        foreach (var (from, to) in edges)
        {
            foreach (var stored in await loader.CandidatesNearAsync(from, to, settings.Span, cancellationToken))
            {
                candidates.TryAdd(stored.Id, stored.ToDetected());
            }

            foreach (var flock in await loader.LiveFlocksNearAsync(from, to, settings.Span, cancellationToken))
            {
                flocks.TryAdd(flock.Id, flock);
            }
        }

        var regions = new List<DetectionRegion>();
        var flocksOf = flocks.Values.ToLookup(f => (f.CompanyKey, f.FirstSentAt, f.LastSentAt));
        var reconciler = new FlockReconciler(db, ownerId, time.GetUtcNow().UtcDateTime);
        foreach (var candidate in candidates.Values)
        {
            var surprise = candidate.Test(coverage, settings);
            var stored = flocksOf[(candidate.CompanyKey, candidate.FirstSentAt, candidate.LastSentAt)].ToList();
            if (surprise.IsFlock && stored.Count == 1)
            {
                reconciler.Reprice(stored[0], surprise.PValue);
            }
            else if (surprise.IsFlock || stored.Count > 0)
            {
                // A verdict that changed, or stored flocks that do not match their candidate one to one.
                regions.Add(new DetectionRegion(candidate.CompanyKey, candidate.FirstSentAt, candidate.LastSentAt));
            }
        }

        // A live flock no candidate accounts for is stale; detecting its stretch again settles it.
        var candidateKeys = candidates.Values.Select(c => (c.CompanyKey, c.FirstSentAt, c.LastSentAt)).ToHashSet();
        regions.AddRange(flocks.Values
            .Where(f => !candidateKeys.Contains((f.CompanyKey, f.FirstSentAt, f.LastSentAt)))
            .Select(f => new DetectionRegion(f.CompanyKey, f.FirstSentAt, f.LastSentAt)));
        await reconciler.SaveAsync(cancellationToken);
        return regions;
    }

    private async Task<List<TouchedStretch>> DetectRegionsAsync(
        TriageDbContext db, DetectionLoader loader, string ownerId, IReadOnlyList<DetectionRegion> regions, DataCoverage? coverage, CancellationToken cancellationToken,
        DetectionSettings? settingsRead = null, List<DetectionRow>? read = null)
    {
        var settings = settingsRead ?? await SettingsAsync(db, ownerId, cancellationToken);
        var dismissed = await loader.DismissedMembershipsAsync(cancellationToken);
        var stretches = await StretchesAsync(db, loader, ownerId, regions, settings, dismissed, cancellationToken, read);
        return await DetectAndReconcileAsync(db, loader, ownerId, stretches, coverage, settings, cancellationToken, dismissed);
    }

    /// <summary>
    /// The stretches to detect for some regions: one read of the regions' companies around all of them, and one of
    /// their stored flocks; a region whose chains run past that read is widened on its own. Stretches of one company
    /// that overlap once widened are merged, and each stored flock belongs to one stretch, so nothing is reconciled twice.
    /// The first read's rows go to <paramref name="read"/> too, when given.
    /// </summary>
    private static async Task<List<CompanyStretch>> StretchesAsync(
        TriageDbContext db, DetectionLoader loader, string ownerId, IReadOnlyList<DetectionRegion> regions, DetectionSettings settings,
        IReadOnlyDictionary<long, long[]> dismissed, CancellationToken cancellationToken, List<DetectionRow>? read = null)
    {
        if (regions.Count == 0)
        {
            return [];
        }

        // A few spans more than a chain's baseline needs, so that a long chain usually holds a known group start
        // (GroupStarts) on either side of the region within the rows read.
        var margin = BaselineReach + (AnchorSpans + 1) * settings.Span + settings.Gap;
        var companies = regions.Select(r => r.CompanyKey).Distinct(StringComparer.Ordinal).ToList();
        var loadFrom = regions.Min(r => r.From) - margin;
        var loadTo = regions.Max(r => r.To) + margin;
        var firstRead = await loader.CompanyRowsAsync(companies, loadFrom, loadTo, cancellationToken);
        read?.AddRange(firstRead);
        var rows = firstRead
            .GroupBy(r => r.CompanyKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var found = new List<(string CompanyKey, List<DetectionRow> Chains, List<DetectionRow> Baseline, DateTime From, DateTime To)>();
        GroupStarts? starts = null;
        foreach (var region in regions)
        {
            var companyRows = rows.GetValueOrDefault(region.CompanyKey) ?? [];
            var chains = ChainsWithin(companyRows, region, settings, loadFrom, loadTo);
            if (chains is null)
            {
                // A chain runs past the rows read, as a large employer's does for years: cut it at known group
                // starts instead of reading all of it. Read only now, because most arrivals never need them.
                starts ??= await GroupStarts.ReadAsync(db, loader, ownerId, companies, loadFrom, loadTo, dismissed, cancellationToken);
                chains = ChainsWithin(companyRows, region, settings, loadFrom, loadTo, starts)
                    ?? await ChainsAroundAsync(db, loader, ownerId, region, settings, dismissed, cancellationToken);
            }

            found.Add(chains.Value);
        }

        var storedFrom = found.Min(x => x.From);
        var storedTo = found.Max(x => x.To);
        var stored = new List<Flock>();
        await foreach (var flock in StoredFlocks.For(db)(db, ownerId, companies, storedFrom, storedTo).WithCancellation(cancellationToken))
        {
            stored.Add(flock);
        }

        var unclaimed = stored.ToHashSet();

        var stretches = new List<CompanyStretch>();
        foreach (var company in found.GroupBy(x => x.CompanyKey, StringComparer.Ordinal))
        {
            foreach (var merged in MergeOverlapping(company.OrderBy(x => x.From)))
            {
                var mine = stored.Where(f => f.CompanyKey == company.Key && f.FirstSentAt <= merged.To && f.LastSentAt >= merged.From && unclaimed.Remove(f)).ToList();
                stretches.Add(new CompanyStretch(company.Key, merged.Chains, [.. merged.Baseline.Select(r => r.SentAt).Order()], merged.From, merged.To, mine));
            }
        }

        return stretches;
    }

    private static IEnumerable<(string CompanyKey, List<DetectionRow> Chains, List<DetectionRow> Baseline, DateTime From, DateTime To)> MergeOverlapping(
        IEnumerable<(string CompanyKey, List<DetectionRow> Chains, List<DetectionRow> Baseline, DateTime From, DateTime To)> ordered)
    {
        (string CompanyKey, List<DetectionRow> Chains, List<DetectionRow> Baseline, DateTime From, DateTime To)? current = null;
        foreach (var next in ordered)
        {
            if (current is { } open && next.From <= open.To)
            {
                // Overlapping stretches read the same invitations; each counts once in the baseline.
                var chains = open.Chains.Concat(next.Chains).DistinctBy(r => r.Id).OrderBy(r => r.SentAt).ThenBy(r => r.Id).ToList();
                var baseline = open.Baseline.Concat(next.Baseline).DistinctBy(r => r.Id).ToList();
                current = (open.CompanyKey, chains, baseline, open.From, Max(open.To, next.To));
                continue;
            }

            if (current is { } done)
            {
                yield return done;
            }

            current = next;
        }

        if (current is { } last)
        {
            yield return last;
        }
    }

    /// <summary>
    /// The whole gap-chains of one company that reach into a region, from rows already read for [loadFrom, loadTo];
    /// null when a chain or its 90-day baseline runs past what was read.
    /// </summary>
    private static (string CompanyKey, List<DetectionRow> Chains, List<DetectionRow> Baseline, DateTime From, DateTime To)? ChainsWithin(
        List<DetectionRow> rows, DetectionRegion region, DetectionSettings settings, DateTime loadFrom, DateTime loadTo, GroupStarts? starts = null)
    {
        var chains = new List<DetectionRow>();
        var chain = new List<DetectionRow>();
        foreach (var row in rows)
        {
            if (chain.Count > 0 && row.SentAt - chain[^1].SentAt > settings.Gap)
            {
                Keep(chain);
                chain = [];
            }

            chain.Add(row);
        }

        Keep(chain);
        if (starts is not null)
        {
            chains = starts.Cut(chains, region, settings, loadFrom, loadTo);
        }

        var from = chains.Count > 0 && chains[0].SentAt < region.From ? chains[0].SentAt : region.From;
        var to = chains.Count > 0 && chains[^1].SentAt > region.To ? chains[^1].SentAt : region.To;
        if (from - BaselineReach - settings.Gap < loadFrom || to + BaselineReach + settings.Gap > loadTo)
        {
            return null;
        }

        // Only the company's invitations within 90 days of the stretch count for its baseline.
        var baseline = rows.Where(r => r.SentAt >= from - BaselineReach && r.SentAt <= to + BaselineReach).ToList();
        return (region.CompanyKey, chains, baseline, from, to);

        void Keep(List<DetectionRow> candidate)
        {
            if (candidate.Count > 0 && candidate[^1].SentAt >= region.From && candidate[0].SentAt <= region.To)
            {
                chains.AddRange(candidate);
            }
        }
    }

    /// <summary>
    /// Every company of the user, in blocks of whole companies of about <see cref="RebuildBlockRows"/> invitations:
    /// each block is read, detected and written before the next is read, so that a rebuild's memory stays flat
    /// however many invitations the user has.
    /// </summary>
    private async Task<List<TouchedStretch>> RebuildOwnerAsync(TriageDbContext db, string ownerId, bool readAhead, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var loader = new DetectionLoader(db, ownerId);
        var coverage = await loader.CoverageAsync(cancellationToken);
        var settings = await SettingsAsync(db, ownerId, cancellationToken);
        var dismissed = await loader.DismissedMembershipsAsync(cancellationToken);

        // Companies with stored flocks or candidates but no invitations left (an undone import) are reconciled too,
        // after the others: what is stored of them goes.
        var storedOnly = new SortedSet<string>(
            await db.Flocks.Where(f => f.OwnerId == ownerId && f.Status != FlockStatus.Dismissed).Select(f => f.CompanyKey)
                .Union(db.FlockCandidates.Where(c => c.OwnerId == ownerId).Select(c => c.CompanyKey))
                .ToListAsync(cancellationToken),
            StringComparer.Ordinal);

        var touched = new List<TouchedStretch>();
        var invitations = 0;
        // A rebuild in a transaction of its own reads ahead on a second connection (RebuildReader).
        await using (var reader = readAhead ? RebuildReader.Start(dbFactory, ownerId, RebuildBlockRows, cancellationToken) : null)
        {
            await foreach (var rows in reader?.Blocks(cancellationToken) ?? loader.CompanyBlocksAsync(RebuildBlockRows, cancellationToken))
            {
                var rowsByCompany = rows.GroupBy(r => r.CompanyKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
                storedOnly.ExceptWith(rowsByCompany.Keys);
                touched.AddRange(await RebuildBlockAsync(db, loader, ownerId, rowsByCompany, coverage, settings, dismissed, cancellationToken));
                invitations += rows.Count;
            }
        }

        foreach (var block in storedOnly.Chunk(Math.Max(1, RebuildBlockRows / 10)))
        {
            touched.AddRange(await RebuildBlockAsync(db, loader, ownerId, block.ToDictionary(company => company, _ => new List<DetectionRow>(), StringComparer.Ordinal),
                coverage, settings, dismissed, cancellationToken));
        }

        await db.Users.Where(u => u.Id == ownerId && !u.FlockCandidatesStored)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FlockCandidatesStored, true), cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Rebuilt the flocks of {Owner}: {Invitations} invitations, {Changed} companies changed, in {RebuildMs:0} ms",
                ownerId, invitations, touched.Count, clock.Elapsed.TotalMilliseconds);
        }

        return touched;
    }

    /// <summary>One block of a rebuild: whole companies with all their invitations, against everything stored of them.</summary>
    private async Task<List<TouchedStretch>> RebuildBlockAsync(
        TriageDbContext db, DetectionLoader loader, string ownerId, Dictionary<string, List<DetectionRow>> rowsByCompany, DataCoverage? coverage,
        DetectionSettings settings, IReadOnlyDictionary<long, long[]> dismissed, CancellationToken cancellationToken)
    {
        var block = rowsByCompany.Keys.ToList();
        var storedByCompany = (await db.Flocks
                .AsNoTracking()
                .Where(f => f.OwnerId == ownerId && block.Contains(f.CompanyKey) && f.Status != FlockStatus.Dismissed)
                .Include(f => f.Members)
                .AsSplitQuery()
                .ToListAsync(cancellationToken))
            .ToLookup(f => f.CompanyKey, StringComparer.Ordinal);
        var storedCandidates = (await db.FlockCandidates
                .AsNoTracking()
                .Where(c => c.OwnerId == ownerId && block.Contains(c.CompanyKey))
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.CompanyKey, StringComparer.Ordinal);
        var stretches = rowsByCompany
            .Select(company => new CompanyStretch(company.Key, company.Value, [.. company.Value.Select(r => r.SentAt)],
                company.Value.Count > 0 ? company.Value[0].SentAt : DateTime.MinValue, company.Value.Count > 0 ? company.Value[^1].SentAt : DateTime.MaxValue,
                [.. storedByCompany[company.Key]])
            {
                StoredCandidates = [.. storedCandidates[company.Key]],
            })
            .ToList();
        return await DetectAndReconcileAsync(db, loader, ownerId, stretches, coverage, settings, cancellationToken, dismissed);
    }

    /// <summary>
    /// The pure detector over every stretch, twice: once to find the flocks, then again with scoring facts for their
    /// members only. Those facts are the expensive part to read and cannot change the grouping, so they are read
    /// once for all stretches together.
    /// </summary>
    private async Task<List<TouchedStretch>> DetectAndReconcileAsync(
        TriageDbContext db, DetectionLoader loader, string ownerId, IReadOnlyList<CompanyStretch> stretches, DataCoverage? coverage,
        DetectionSettings settings, CancellationToken cancellationToken, IReadOnlyDictionary<long, long[]>? dismissed = null)
    {
        dismissed ??= await loader.DismissedMembershipsAsync(cancellationToken);
        var known = await loader.KnownCompanyKeysAsync([.. stretches.Select(s => s.CompanyKey).Distinct(StringComparer.Ordinal)], cancellationToken);
        var context = new DetectionContext(known, []);
        var invitations = stretches.Select(s => s.Chains.Select(r => r.ToDetection(dismissed)).ToList()).ToList();
        var candidates = stretches.Select(_ => new List<DetectedCandidate>()).ToList();
        var found = stretches
            .Select((s, i) => coverage is null || s.Chains.Count == 0
                ? []
                : FlockDetector.DetectCompany(s.CompanyKey, invitations[i], s.SentAts, coverage, settings, context, candidates[i]))
            .ToList();

        var flocking = Enumerable.Range(0, stretches.Count).Where(i => found[i].Count > 0).ToList();
        if (flocking.Count > 0)
        {
            var memberIds = flocking.SelectMany(i => found[i]).SelectMany(f => f.MemberIds).ToHashSet();
            var members = (await loader.WithScoringFactsAsync([.. flocking.SelectMany(i => invitations[i]).Where(m => memberIds.Contains(m.Id))], cancellationToken))
                .ToDictionary(m => m.Id);
            var peers = await loader.PeerFlocksAsync(
                [.. flocking.Select(i => stretches[i].CompanyKey).Distinct(StringComparer.Ordinal)],
                flocking.Min(i => stretches[i].From), flocking.Max(i => stretches[i].To), cancellationToken);
            foreach (var i in flocking)
            {
                var scored = invitations[i].Select(m => members.GetValueOrDefault(m.Id, m)).ToList();
                found[i] = FlockDetector.DetectCompany(stretches[i].CompanyKey, scored, stretches[i].SentAts, coverage!, settings, context with { PeerFlocks = peers });
            }
        }

        var reconciler = new FlockReconciler(db, ownerId, time.GetUtcNow().UtcDateTime);
        var touched = new List<TouchedStretch>();
        for (var i = 0; i < stretches.Count; i++)
        {
            var stretch = stretches[i];
            reconciler.Reconcile(found[i], stretch.Stored, stretch.Chains.ToDictionary(r => r.Id));
            ReplaceCandidates(reconciler, stretch, candidates[i], settings.Span);
            if (found[i].Count > 0 || stretch.Stored.Count > 0)
            {
                touched.Add(new TouchedStretch(stretch.CompanyKey, MinFirst(found[i], stretch.Stored), MaxLast(found[i], stretch.Stored)));
            }
        }

        await reconciler.SaveAsync(cancellationToken);
        return [.. touched.Where(t => reconciler.ChangedCompanies.Contains(t.CompanyKey))];
    }

    /// <summary>
    /// A stretch's candidates replace the stored ones it covers. A rebuild knows every stored candidate of the
    /// company, so one that finds the same writes nothing, and one that finds others replaces all of them.
    /// </summary>
    private static void ReplaceCandidates(FlockReconciler reconciler, CompanyStretch stretch, List<DetectedCandidate> found, TimeSpan span)
    {
        if (stretch.StoredCandidates is not { } stored)
        {
            reconciler.ReplaceCandidates(stretch.CompanyKey, stretch.From, stretch.To, span, found, clearFirst: true);
        }
        else if (!found.Order(CandidateOrder.Instance).SequenceEqual(stored.Select(c => c.ToDetected()).Order(CandidateOrder.Instance)))
        {
            reconciler.ReplaceCandidates(stretch.CompanyKey,
                stored.Count > 0 ? stored.Min(c => c.FirstSentAt) : stretch.From,
                stored.Count > 0 ? stored.Max(c => c.LastSentAt) : stretch.To,
                span, found, clearFirst: stored.Count > 0);
        }
    }

    /// <summary>One region read on its own, wider each time, until no chain or baseline is cut.</summary>
    private static async Task<(string CompanyKey, List<DetectionRow> Chains, List<DetectionRow> Baseline, DateTime From, DateTime To)> ChainsAroundAsync(
        TriageDbContext db, DetectionLoader loader, string ownerId, DetectionRegion region, DetectionSettings settings,
        IReadOnlyDictionary<long, long[]> dismissed, CancellationToken cancellationToken)
    {
        var margin = 2 * (BaselineReach + (AnchorSpans + 1) * settings.Span + settings.Gap);
        var loadFrom = region.From - margin;
        var loadTo = region.To + margin;
        while (true)
        {
            var rows = await loader.CompanyRowsAsync([region.CompanyKey], loadFrom, loadTo, cancellationToken);
            var starts = await GroupStarts.ReadAsync(db, loader, ownerId, [region.CompanyKey], loadFrom, loadTo, dismissed, cancellationToken);
            if (ChainsWithin(rows, region, settings, loadFrom, loadTo, starts) is { } chains)
            {
                return chains;
            }

            // A chain runs past what was read: read twice as far and look again.
            margin += margin;
            loadFrom = region.From - margin;
            loadTo = region.To + margin;
        }
    }

    /// <summary>
    /// Other members' flocks whose campaign scores this user's change can move: the same company within 7 days
    /// (CAMPAIGN_COMPANY), or a shared sender within 14 days (CAMPAIGN_SENDER). Their memberships cannot change, so
    /// only their campaign counts are counted again (<see cref="CampaignRescore"/>), for all of them in one
    /// transaction, and this never cascades further; <paramref name="onlyPeers"/>, when given, limits it to those members.
    /// </summary>
    private async Task RescorePeersAsync(
        string ownerId, IReadOnlyList<TouchedStretch> touched, IReadOnlyList<(string SenderKey, DateTime SentAt)> senders, CancellationToken cancellationToken,
        HashSet<string>? onlyPeers = null, IReadOnlyList<(long FlockId, string OwnerId)>? reachedAlready = null)
    {
        if (touched.Count == 0 && senders.Count == 0 && reachedAlready is not { Count: > 0 })
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        List<(long FlockId, string OwnerId)> reached;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            reached = [.. (await CampaignRescore.ReachedAsync(db, ownerId, touched, senders, cancellationToken))
                .Concat(reachedAlready ?? [])
                .DistinctBy(p => p.FlockId)
                .Where(p => onlyPeers is null || onlyPeers.Contains(p.OwnerId))];
        }

        if (reached.Count == 0)
        {
            return;
        }

        // Every reached member's detection lock, in one order so that two re-scores never wait on each other, then
        // one transaction: the lock before the store's write lock, as every detection takes them.
        var locks = new List<IDisposable>();
        try
        {
            foreach (var peer in reached.Select(p => p.OwnerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                locks.Add(await LockOwnerAsync(peer, cancellationToken));
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var written = await CampaignRescore.RescoreAsync(db, [.. reached.Select(p => p.FlockId)], time.GetUtcNow().UtcDateTime, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Re-scored {Reached} flocks of {Members} other members after a change by {Owner}: {Written} changed, in {RescoreMs:0} ms",
                    reached.Count, locks.Count, ownerId, written, clock.Elapsed.TotalMilliseconds);
            }
        }
        finally
        {
            foreach (var held in locks)
            {
                held.Dispose();
            }
        }
    }

    /// <summary>
    /// The senders of the changed invitations still stored, for CAMPAIGN_SENDER. Every change with a company lies in
    /// a region of its company, and the first read of the regions' companies spans all of them, so its rows hold these
    /// invitations: no read of their own.
    /// </summary>
    private static List<(string SenderKey, DateTime SentAt)> SendersOf(IReadOnlyCollection<InvitationChange> changes, List<DetectionRow> read)
    {
        var keys = changes.Where(c => c.CompanyKey is not null).Select(c => c.CompanyKey!).ToHashSet(StringComparer.Ordinal);
        var times = changes.Select(c => c.SentAt).ToHashSet();
        return [.. read.Where(r => keys.Contains(r.CompanyKey) && times.Contains(r.SentAt)).Select(r => (r.SenderKey, r.SentAt)).Distinct()];
    }

    private static async Task<DetectionSettings> SettingsAsync(TriageDbContext db, string ownerId, CancellationToken cancellationToken) =>
        (await MemberSettingsAsync(db, ownerId, cancellationToken)).Detection;

    /// <summary>The user's detection settings with their aliases, and whether the auto-archive rule is on: one read of the settings for both.</summary>
    private static async Task<(DetectionSettings Detection, bool AutoArchiveLikely)> MemberSettingsAsync(TriageDbContext db, string ownerId, CancellationToken cancellationToken)
    {
        var settings = await StoredSettings.For(db)(db, ownerId, cancellationToken) ?? new UserSettings { OwnerId = ownerId };
        return (DetectionSettings.From(settings, await CompanyAliasService.MapAsync(db, ownerId, cancellationToken)), settings.AutoArchiveLikely);
    }

    private async Task<T> WithOwnerLockAsync<T>(string ownerId, Func<TriageDbContext, Task<T>> work, CancellationToken cancellationToken)
    {
        using var ownerLock = await LockOwnerAsync(ownerId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(db);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Where a candidate's clipped baseline window can differ between two coverages: within 90 days of a moved edge.</summary>
    private static IEnumerable<(DateTime From, DateTime To)> MovedEdges(DataCoverage before, DataCoverage after)
    {
        if (before.Earliest != after.Earliest)
        {
            yield return (Min(before.Earliest, after.Earliest), Max(before.Earliest, after.Earliest) + BaselineReach);
        }

        if (before.Latest != after.Latest)
        {
            yield return (Min(before.Latest, after.Latest) - BaselineReach, Max(before.Latest, after.Latest));
        }
    }

    private static DateTime MinFirst(IReadOnlyList<DetectedFlock> detected, IReadOnlyList<Flock> stored) =>
        detected.Select(d => d.FirstSentAt).Concat(stored.Select(s => s.FirstSentAt)).Min();

    private static DateTime MaxLast(IReadOnlyList<DetectedFlock> detected, IReadOnlyList<Flock> stored) =>
        detected.Select(d => d.LastSentAt).Concat(stored.Select(s => s.LastSentAt)).Max();

    private static DateTime Min(DateTime a, DateTime b) => a <= b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a >= b ? a : b;

    internal sealed record TouchedStretch(string CompanyKey, DateTime From, DateTime To);

    /// <summary>
    /// What other members' campaign scores need after a user's change: the stretches that moved and the senders still
    /// to look up, and the flocks found reached already, inside the change's transaction (an arrival's, or
    /// <see cref="CampaignRescore.ReachedBySendersAsync"/> where the senders were too many to list).
    /// </summary>
    internal sealed record PeerRescore(IReadOnlyList<TouchedStretch> Touched, IReadOnlyList<(string SenderKey, DateTime SentAt)> Senders)
    {
        public IReadOnlyList<(long FlockId, string OwnerId)> Reached { get; init; } = [];
    }

    private sealed class OwnerLock(SemaphoreSlim gate) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }

    /// <summary>Whole gap-chains of one company to detect, the baseline's timestamps, and the stored flocks there.</summary>
    private sealed record CompanyStretch(string CompanyKey, List<DetectionRow> Chains, List<DateTime> SentAts, DateTime From, DateTime To, List<Flock> Stored)
    {
        /// <summary>Every stored candidate of the company, when a rebuild read them; otherwise the stretch's are replaced by range.</summary>
        public List<FlockCandidate>? StoredCandidates { get; init; }
    }

    /// <summary>Candidates in time order, to compare a company's stored ones with those found.</summary>
    private sealed class CandidateOrder : IComparer<DetectedCandidate>
    {
        public static readonly CandidateOrder Instance = new();

        public int Compare(DetectedCandidate? x, DetectedCandidate? y) =>
            (x!.FirstSentAt, x.LastSentAt, x.SenderCount, x.Baseline).CompareTo((y!.FirstSentAt, y.LastSentAt, y.SenderCount, y.Baseline));
    }
}
