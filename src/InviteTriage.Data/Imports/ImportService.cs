using System.Diagnostics;
using System.Threading.Channels;
using InviteTriage.Core.Companies;
using InviteTriage.Core.Detection;
using InviteTriage.Core.History;
using InviteTriage.Core.Imports;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Companies;
using InviteTriage.Data.Database;
using InviteTriage.Data.Detection;
using InviteTriage.Data.History;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Triage;
using InviteTriage.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Data.Imports;

/// <summary>
/// Brings drafts into a user's store: deduplicated, recorded as an <see cref="ImportBatch"/> with an Imported event,
/// and detected. All of that is one transaction, flocks included, so that an import is there whole or not at all,
/// even when the process is killed (README, "An import commits once"). A file that is not of its claimed kind stores
/// nothing at all.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<TriageDbContext> dbFactory,
    FlockDetectionService detection,
    TimeProvider time,
    ILogger<ImportService> logger)
{
    /// <summary>Above this many new invitations one rebuild of the user's flocks is cheaper than neighbourhood updates.</summary>
    public const int RebuildThreshold = 2_000;

    private const int ProgressEvery = 5_000;

    // Items read ahead of the writer; enough to keep both busy, few enough to keep memory flat.
    private const int ReadAhead = 2_048;

    public Task<ImportSummary> ImportAsync(
        string ownerId, string actor, string format, IReadOnlyList<ImportSource> sources, IProgress<int>? progress, CancellationToken cancellationToken) =>
        ImportAsync(ownerId, actor, format, sources, progress, onRejected: null, cancellationToken);

    /// <summary>
    /// As above, and every rejected row goes to <paramref name="onRejected"/> as it is read, on the writing thread, while
    /// the summary and the batch keep only the first <see cref="ImportBatch.KeptRejections"/>. The rows of an import that
    /// is refused later were reported all the same; nothing of it is stored.
    /// </summary>
    public async Task<ImportSummary> ImportAsync(
        string ownerId, string actor, string format, IReadOnlyList<ImportSource> sources, IProgress<int>? progress,
        Action<ImportRejection>? onRejected, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var now = time.GetUtcNow().UtcDateTime;
        ImportRun run;
        FlockDetectionService.PeerRescore peers;
        double storeMs, detectMs;

        // The owner's detection lock first, then the store's write lock, the same order as every detection takes them.
        using (await FlockDetectionService.LockOwnerAsync(ownerId, cancellationToken))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var coverageBefore = await FlockDetectionService.CoverageAsync(db, ownerId, cancellationToken);
            var batch = new ImportBatch
            {
                OwnerId = ownerId,
                Format = format,
                Files = [.. sources.Select(s => DraftRules.WithoutNul(s.Name)!)],
                StartedAt = now,
                State = ImportBatchState.Running,
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken);
            var aliases = await CompanyAliasService.MapAsync(db, ownerId, cancellationToken);

            using var statements = new ImportStatements(StoreCommands.Of(db), ownerId, batch.Id);
            await using (await statements.Sql.Dialect.BulkWriteAsync(statements.Sql, cancellationToken))
            {
                run = new ImportRun(statements, batch.Id, now, new ImportRejections(onRejected));
                try
                {
                    await ReadAndStoreAsync(sources, run, ownerId, now, aliases, progress, cancellationToken);
                    await run.FinishAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is IngestFormatException || StoreErrors.IsUniqueViolation(ex))
                {
                    // The transaction is rolled back: nothing of this import, from any of its files, is kept. A unique
                    // violation means two rows with one dedupe key got past the in-memory check of a bulk import and
                    // the store's index caught them when it was built again; refusing beats a half-told error.
                    var reason = ex is IngestFormatException
                        ? ex.Message
                        : "Two rows of this import share a dedupe key and could not both be stored. Nothing was imported; please report this.";
                    if (logger.IsEnabled(LogLevel.Warning))
                    {
                        logger.LogWarning(ex is IngestFormatException ? null : ex, "Import refused for {Owner}: {Reason}", ownerId, reason);
                    }

                    return ImportSummary.Refused(reason);
                }
            }

            batch.State = ImportBatchState.Completed;
            batch.CompletedAt = time.GetUtcNow().UtcDateTime;
            batch.Added = run.AddedCount;
            batch.Merged = run.Merged;
            batch.Duplicates = run.Duplicates;
            batch.Skipped = new Dictionary<string, int>(run.Skipped);
            batch.Rejections = [.. run.Rejected.Kept.Select(r => DraftRules.WithoutNul(r.Error)!)];
            batch.RejectedCount = run.Rejected.Count;
            db.FlagEvents.Add(new FlagEvent
            {
                OwnerId = ownerId,
                Kind = FlagEventKind.Imported,
                Actor = actor,
                OccurredAt = now,
                ImportBatchId = batch.Id,
                Summary = $"Imported {run.AddedCount} invitation(s) from {string.Join(", ", sources.Select(s => Path.GetFileName(s.Name)))}"
                    + $" ({run.Merged} merged, {run.Duplicates} duplicate(s), {run.Rejected.Count} rejected)",
            });
            await db.SaveChangesAsync(cancellationToken);
            storeMs = clock.Elapsed.TotalMilliseconds;

            peers = await detection.DetectWithinAsync(db, ownerId, run.Changes, run.NeedsRebuild, coverageBefore, cancellationToken);
            if (run.NeedsRebuild)
            {
                // A rebuild lists no changes, so no senders: other members' flocks reached through the senders alone
                // are found from the batch's invitations where they lie.
                peers = peers with { Reached = await CampaignRescore.ReachedBySendersAsync(db, ownerId, OfBatch(db, ownerId, batch.Id), manyChanged: true, cancellationToken) };
            }

            // Every read above sees the merged invitations under their new sender keys; the members who knew them
            // under the old ones are found from those, a bounded list at a time.
            foreach (var replaced in run.ReplacedSenders.Chunk(RebuildThreshold))
            {
                peers = peers with { Reached = [.. peers.Reached, .. await CampaignRescore.ReachedAsync(db, ownerId, [], replaced, cancellationToken)] };
            }

            await transaction.CommitAsync(cancellationToken);
            detectMs = clock.Elapsed.TotalMilliseconds - storeMs;
        }

        await detection.RescorePeersAsync(ownerId, peers, cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation(
                "Imported {Added} invitations ({Merged} merged) for {Owner} in batch {Batch}: stored in {StoreMs:0} ms, detected and committed in {DetectMs:0} ms, peers in {PeersMs:0} ms",
                run.AddedCount, run.Merged, ownerId, run.BatchId, storeMs, detectMs, clock.Elapsed.TotalMilliseconds - storeMs - detectMs);
        }

        return new ImportSummary(run.BatchId, run.AddedCount, run.Merged, run.Duplicates, run.Contacts, run.Skipped, run.Rejected.Kept, run.Rejected.Count);
    }

    /// <summary>
    /// Reads and prepares items on one thread while the previous ones are written on this one, through a short
    /// bounded queue. A format error from a reader surfaces here, after the items before it were written; the caller
    /// rolls them back.
    /// </summary>
    private static async Task ReadAndStoreAsync(
        IReadOnlyList<ImportSource> sources, ImportRun run, string ownerId, DateTime now, CompanyAliasMap aliases, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<ImportItem>(new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(async () =>
        {
            try
            {
                foreach (var source in sources)
                {
                    await foreach (var item in source.Read(stopReading.Token).WithCancellation(stopReading.Token))
                    {
                        await queue.Writer.WriteAsync(ImportItem.Prepare(item, ownerId, run.BatchId, now, aliases), stopReading.Token);
                    }
                }
            }
            finally
            {
                queue.Writer.TryComplete();
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(cancellationToken))
            {
                await run.TakeAsync(item, cancellationToken);
                if (run.Read % ProgressEvery == 0)
                {
                    progress?.Report(run.Read);
                }
            }
        }
        catch
        {
            await stopReading.CancelAsync();
            await Task.WhenAny(reading);
            throw;
        }

        await reading;
        progress?.Report(run.Read);
    }

    /// <summary>
    /// Undoes an import: removes the invitations and contacts it added and restores the invitations it merged into.
    /// Refused, changing nothing, when any invitation it added has been decided since, because undoing would
    /// silently throw that decision away.
    /// </summary>
    public async Task<TriageResult> UndoAsync(string ownerId, string actor, long batchId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        FlockDetectionService.PeerRescore peers;
        TriageResult done;
        using (await FlockDetectionService.LockOwnerAsync(ownerId, cancellationToken))
        {
            var coverageBefore = await detection.CoverageAsync(ownerId, cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // The claim is the transaction's first statement, a write: it takes SQLite's write lock on the newest
            // state, so of two undos of one batch from two processes (the owner lock is per process) one goes on and
            // the other finds it undone. Every refusal below rolls the claim back.
            var claimed = await db.ImportBatches
                .Where(b => b.Id == batchId && b.OwnerId == ownerId && b.State == ImportBatchState.Completed)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.State, ImportBatchState.Undone), cancellationToken);
            var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId && b.OwnerId == ownerId, cancellationToken);
            if (batch is null)
            {
                return TriageResult.NotFound($"There is no import {batchId} of yours.");
            }

            if (claimed == 0)
            {
                return TriageResult.Invalid($"Import {batchId} is already undone.");
            }

            var added = db.Invitations.Where(i => i.OwnerId == ownerId && i.ImportBatchId == batchId);
            var decided = await added.Where(i => i.Status != InvitationStatus.Pending).Select(i => i.Id).OrderBy(id => id).ToListAsync(cancellationToken);
            if (decided.Count > 0)
            {
                return new TriageResult(TriageOutcome.Conflict,
                    $"Nothing was undone: {decided.Count} invitation(s) of this import were decided since ({string.Join(", ", decided.Take(10))}{(decided.Count > 10 ? ", …" : "")}). Restore them first.",
                    Conflicts: decided);
            }

            // Later imports that merged into this batch's invitations (or into what it merged into) must be undone
            // first: undoing this one would delete their data with the rows, or restore over their changes.
            var touched = await added.Select(i => i.Id)
                .Concat(db.ImportMerges.Where(m => m.ImportBatchId == batchId).Select(m => m.InvitationId))
                .ToListAsync(cancellationToken);
            var later = await (
                    from merge in db.ImportMerges
                    join other in db.ImportBatches on merge.ImportBatchId equals other.Id
                    where other.Id > batchId && other.OwnerId == ownerId && other.State == ImportBatchState.Completed && touched.Contains(merge.InvitationId)
                    select other.Id)
                .Distinct()
                .OrderBy(id => id)
                .ToListAsync(cancellationToken);
            if (later.Count > 0)
            {
                return TriageResult.Invalid(
                    $"Undo the later import(s) {string.Join(", ", later)} first: they merged into invitations of this one.");
            }

            var imported = await db.FlagEvents.Where(e => e.OwnerId == ownerId && e.Kind == FlagEventKind.Imported && e.ImportBatchId == batchId)
                .Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
            var undo = new FlagEvent
            {
                OwnerId = ownerId,
                Kind = FlagEventKind.Undone,
                Actor = actor,
                OccurredAt = now,
                ImportBatchId = batchId,
                UndoesEventId = imported,
                Summary = $"Undid import {batchId}: removed {batch.Added} invitation(s), restored {batch.Merged} merged",
            };
            db.FlagEvents.Add(undo);
            await db.SaveChangesAsync(cancellationToken);
            await HistoryWriter.RemovalsAsync(db, undo.Id, ownerId, batchId, cancellationToken);

            // Past the threshold one rebuild follows, and the places of the changes are not needed.
            var rebuild = await added.CountAsync(cancellationToken) > RebuildThreshold;

            // The senders of what the undo removes or restores, while the rows still name them: afterwards neither the
            // detection's reads nor a rebuild see them, and other members' CAMPAIGN_SENDER counts them still.
            var reached = await CampaignRescore.ReachedBySendersAsync(db, ownerId, OfBatch(db, ownerId, batchId), manyChanged: rebuild, cancellationToken);
            var changes = rebuild ? [] : await added.Select(i => new InvitationChange(i.CompanyKey, i.SentAt)).ToListAsync(cancellationToken);
            var merges = await db.ImportMerges.Where(m => m.ImportBatchId == batchId).ToListAsync(cancellationToken);
            var mergedIds = merges.Select(m => m.InvitationId).ToList();
            var targets = await db.Invitations.WithIds(ownerId, mergedIds).ToDictionaryAsync(i => i.Id, cancellationToken);
            var aliases = merges.Count == 0 ? CompanyAliasMap.Empty : await CompanyAliasService.MapAsync(db, ownerId, cancellationToken);
            foreach (var merge in merges)
            {
                if (targets.TryGetValue(merge.InvitationId, out var target))
                {
                    changes.Add(new InvitationChange(target.CompanyKey, target.SentAt));
                    InvitationMerge.Restore(target, merge.Before);

                    // The snapshot's key was made under the aliases of its day; the company it names is keyed by today's.
                    target.CompanyKey = aliases.Resolve(CompanyKey.Normalize(target.Company));
                    target.SenderKey = SenderKey.WithCompany(target.SenderKey, target.CompanyKey);
                    target.UpdatedAt = now;
                    changes.Add(new InvitationChange(target.CompanyKey, target.SentAt));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            if (merges.Count > 0)
            {
                // The restored invitations' senders as they are now, which may be others than before.
                reached.AddRange(await CampaignRescore.ReachedBySendersAsync(
                    db, ownerId, db.Invitations.Where(i => i.OwnerId == ownerId && db.ImportMerges.Any(m => m.ImportBatchId == batchId && m.InvitationId == i.Id)), manyChanged: false, cancellationToken));
            }

            await added.ExecuteDeleteAsync(cancellationToken);
            await db.KnownContacts.Where(c => c.OwnerId == ownerId && c.ImportBatchId == batchId).ExecuteDeleteAsync(cancellationToken);
            await db.ImportMerges.Where(m => m.ImportBatchId == batchId).ExecuteDeleteAsync(cancellationToken);
            peers = await detection.DetectWithinAsync(db, ownerId, changes, rebuild || changes.Count > RebuildThreshold, coverageBefore, cancellationToken) with { Reached = reached };
            await transaction.CommitAsync(cancellationToken);
            done = TriageResult.Done(undo.Summary, undo.Id, batch.Added);
        }

        await detection.RescorePeersAsync(ownerId, peers, cancellationToken);
        return done;
    }

    /// <summary>The invitations a batch added, and those it merged into.</summary>
    private static IQueryable<Invitation> OfBatch(TriageDbContext db, string ownerId, long batchId) =>
        db.Invitations.Where(i => i.OwnerId == ownerId && (i.ImportBatchId == batchId || db.ImportMerges.Any(m => m.ImportBatchId == batchId && m.InvitationId == i.Id)));

    public async Task<ImportBatchView?> GetAsync(string ownerId, long batchId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId && b.OwnerId == ownerId, cancellationToken);
        return batch is null
            ? null
            : new ImportBatchView(batch.Id, batch.Format, batch.Files.Select(Path.GetFileName).OfType<string>().ToList(), batch.State,
                batch.StartedAt, batch.CompletedAt, batch.Added, batch.Merged, batch.Duplicates, batch.Skipped, batch.Rejections, batch.RejectedCount);
    }
}
