using InviteTriage.Core.Contacts;
using InviteTriage.Core.Detection;
using InviteTriage.Core.History;
using InviteTriage.Core.Imports;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Detection;
using InviteTriage.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Data.Imports;

/// <summary>
/// Brings drafts into a user's store: deduplicated, all or nothing, recorded as an <see cref="ImportBatch"/> with an
/// Imported event, then handed to detection. A file that is not of its claimed kind stores nothing at all.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<TriageDbContext> dbFactory,
    FlockDetectionService detection,
    TimeProvider time,
    ILogger<ImportService> logger)
{
    /// <summary>Above this many new invitations one rebuild of the user's flocks is cheaper than neighbourhood updates.</summary>
    public const int RebuildThreshold = 2_000;

    // Rows are written in chunks so that memory stays flat however large the file.
    private const int ChunkSize = 5_000;

    public async Task<ImportSummary> ImportAsync(
        string ownerId, string actor, string format, IReadOnlyList<ImportSource> sources, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var coverageBefore = await detection.CoverageAsync(ownerId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var run = new ImportRun(ownerId, now);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var batch = new ImportBatch
            {
                OwnerId = ownerId,
                Format = format,
                Files = [.. sources.Select(s => s.Name)],
                StartedAt = now,
                State = ImportBatchState.Running,
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken);
            run.BatchId = batch.Id;

            foreach (var source in sources)
            {
                try
                {
                    await foreach (var item in source.Read(cancellationToken))
                    {
                        run.Take(item);
                        if (run.PendingCount >= ChunkSize)
                        {
                            await run.FlushAsync(db, cancellationToken);
                            progress?.Report(run.Read);
                        }
                    }
                }
                catch (IngestFormatException ex)
                {
                    // The transaction is rolled back: nothing of this import, from any of its files, is kept.
                    if (logger.IsEnabled(LogLevel.Warning))
                    {
                        logger.LogWarning("Import refused for {Owner}: {Reason}", ownerId, ex.Message);
                    }

                    return ImportSummary.Refused(ex.Message);
                }
            }

            await run.FlushAsync(db, cancellationToken);
            progress?.Report(run.Read);

            batch.State = ImportBatchState.Completed;
            batch.CompletedAt = time.GetUtcNow().UtcDateTime;
            batch.Added = run.Added.Count;
            batch.Duplicates = run.Duplicates;
            batch.Skipped = new Dictionary<string, int>(run.Skipped);
            batch.Rejections = [.. run.Rejected.Select(r => r.Error)];
            db.FlagEvents.Add(new FlagEvent
            {
                OwnerId = ownerId,
                Kind = FlagEventKind.Imported,
                Actor = actor,
                OccurredAt = now,
                ImportBatchId = batch.Id,
                Summary = $"Imported {run.Added.Count} invitation(s) from {string.Join(", ", sources.Select(s => Path.GetFileName(s.Name)))}"
                    + $" ({run.Duplicates} duplicate(s), {run.Rejected.Count} rejected)",
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await DetectAsync(ownerId, run.Added, coverageBefore, cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Imported {Added} invitations for {Owner} in batch {Batch}", run.Added.Count, ownerId, run.BatchId);
        }

        return new ImportSummary(run.BatchId, run.Added.Count, 0, run.Duplicates, run.Contacts, run.Skipped, run.Rejected);
    }

    private Task DetectAsync(string ownerId, List<InvitationChange> added, DataCoverage? coverageBefore, CancellationToken cancellationToken) =>
        added.Count > RebuildThreshold
            ? detection.RebuildAsync(ownerId, cancellationToken)
            : detection.DetectAroundAsync(ownerId, added, coverageBefore, cancellationToken);

    /// <summary>The state of one import while it reads: what is waiting to be written, and the counts so far.</summary>
    private sealed class ImportRun(string ownerId, DateTime now)
    {
        private readonly List<Invitation> _pending = [];
        private readonly List<KnownContact> _contacts = [];
        private readonly HashSet<string> _seenKeys = new(StringComparer.Ordinal);

        public long BatchId { get; set; }
        public List<InvitationChange> Added { get; } = [];
        public Dictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);
        public List<ImportRejection> Rejected { get; } = [];
        public int Duplicates { get; private set; }
        public int Contacts { get; private set; }
        public int Read { get; private set; }
        public int PendingCount => _pending.Count + _contacts.Count;

        public void Take(IngestItem item)
        {
            Read++;
            switch (item)
            {
                case IngestDraft { Draft: var draft }:
                    if (DraftRules.Problem(draft, now) is { } problem)
                    {
                        Reject(draft.Origin, problem);
                        return;
                    }

                    var invitation = DraftRules.ToInvitation(draft, ownerId, BatchId, now);
                    if (!_seenKeys.Add(DedupeKey(invitation)))
                    {
                        Duplicates++;
                        return;
                    }

                    _pending.Add(invitation);
                    return;
                case IngestContact { Contact: var contact }:
                    _contacts.Add(new KnownContact
                    {
                        OwnerId = ownerId,
                        Name = contact.Name,
                        ProfileUrl = contact.ProfileUrl,
                        Company = contact.Company,
                        CompanyKey = CompanyKey.Normalize(contact.Company),
                        Position = contact.Position,
                        ConnectedOn = contact.ConnectedOn,
                        ImportBatchId = BatchId,
                    });
                    return;
                case IngestSkip skip:
                    Skipped[skip.KindName] = Skipped.GetValueOrDefault(skip.KindName) + 1;
                    return;
                case IngestRejection rejection:
                    Rejected.Add(new ImportRejection(IndexOf(rejection.Origin), rejection.Message));
                    return;
            }
        }

        /// <summary>Writes the waiting rows that are not already stored, as batched inserts.</summary>
        public async Task FlushAsync(TriageDbContext db, CancellationToken cancellationToken)
        {
            if (_pending.Count > 0)
            {
                var stored = await StoredKeysAsync(db, cancellationToken);
                var fresh = _pending.Where(i => !stored.Contains(DedupeKey(i))).ToList();
                Duplicates += _pending.Count - fresh.Count;
                db.Invitations.AddRange(fresh);
                Added.AddRange(fresh.Select(i => new InvitationChange(i.CompanyKey, i.SentAt)));
            }

            if (_contacts.Count > 0)
            {
                var urls = _contacts.Where(c => c.ProfileUrl is not null).Select(c => c.ProfileUrl!).ToList();
                var known = (await db.KnownContacts
                        .Where(c => c.OwnerId == ownerId && c.ProfileUrl != null && urls.Contains(c.ProfileUrl))
                        .Select(c => c.ProfileUrl!)
                        .ToListAsync(cancellationToken))
                    .ToHashSet(StringComparer.Ordinal);
                var fresh = _contacts.Where(c => c.ProfileUrl is null || known.Add(c.ProfileUrl)).ToList();
                db.KnownContacts.AddRange(fresh);
                Contacts += fresh.Count;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            _pending.Clear();
            _contacts.Clear();
        }

        private async Task<HashSet<string>> StoredKeysAsync(TriageDbContext db, CancellationToken cancellationToken)
        {
            var externalIds = _pending.Where(i => i.ExternalId is not null).Select(i => i.ExternalId!).Distinct().ToList();
            var senderKeys = _pending.Where(i => i.ExternalId is null).Select(i => i.SenderKey).Distinct().ToList();
            var byExternalId = await db.Invitations
                .Where(i => i.OwnerId == ownerId && i.ExternalId != null && externalIds.Contains(i.ExternalId))
                .Select(i => new { i.Network, i.ExternalId, i.SenderKey, i.SentMinute })
                .ToListAsync(cancellationToken);
            var bySender = await db.Invitations
                .Where(i => i.OwnerId == ownerId && senderKeys.Contains(i.SenderKey))
                .Select(i => new { i.Network, i.ExternalId, i.SenderKey, i.SentMinute })
                .ToListAsync(cancellationToken);
            return byExternalId.Select(i => ExternalKey(i.Network, i.ExternalId!))
                .Concat(bySender.Select(i => MinuteKey(i.Network, i.SenderKey, i.SentMinute)))
                .ToHashSet(StringComparer.Ordinal);
        }

        private void Reject(IngestOrigin origin, string problem) =>
            Rejected.Add(new ImportRejection(IndexOf(origin), $"{origin}: {problem}"));

        // FORMATS.md: the source's id when there is one, else the sender and the minute.
        private static string DedupeKey(Invitation invitation) =>
            invitation.ExternalId is { } externalId
                ? ExternalKey(invitation.Network, externalId)
                : MinuteKey(invitation.Network, invitation.SenderKey, invitation.SentMinute);

        private static string ExternalKey(string network, string externalId) => $"x|{network}|{externalId}";

        private static string MinuteKey(string network, string senderKey, long minute) => $"m|{network}|{senderKey}|{minute}";

        private static int? IndexOf(IngestOrigin origin) => origin.Unit == OriginUnit.Element ? origin.Number - 1 : null;
    }
}
