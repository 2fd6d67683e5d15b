using System.Runtime;
using InviteTriage.Core.Contacts;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Detection;
using InviteTriage.Ingest;

namespace InviteTriage.Data.Imports;

/// <summary>
/// One import while it writes: each item goes to the store as it comes, through prepared statements, and the counts
/// grow. Contacts give their company to the owner's invitations from the same profile; an invitation is added, or is
/// a duplicate by its dedupe key, or is merged into one another source already gave (FORMATS.md).
/// </summary>
internal sealed class ImportRun(ImportStatements store, long batchId, DateTime now, ImportRejections rejected)
{
    /// <summary>
    /// Once an import has added this many invitations, and at least as many as the store held before it, it builds
    /// the invitations' secondary indexes once at its end instead of row by row.
    /// </summary>
    public const int DeferIndexesAfter = 20_000;

    // Merging needs a lookup per row, but only rows of two different sources can merge. The first rows are looked up
    // one by one; after that the store is asked once whether the owner has any other source at all.
    private const int LookupProbeRows = 2_000;

    private readonly DeferredIndexes _indexes = new(store.Sql);
    private readonly HashSet<long> _snapshotted = [];
    private readonly HashSet<InvitationSource> _addedSources = [];
    private readonly Dictionary<InvitationSource, bool> _storedOtherSource = [];

    // New invitations gathered for the store's InvitationInsert, and the minute keys of those with an external id.
    private readonly List<Invitation> _pending = [];
    private readonly MinuteKeys _pendingExternalKeys = new();
    private MinuteKeys? _externalMinuteKeys;

    // The dedupe keys, while the unique indexes are set aside with the others (DeferredIndexes).
    private DedupeKeys? _dedupeKeys;
    private bool? _hasContacts;

    // Whether this import held the owner's dedupe keys in memory at some point (only a bulk import does).
    private bool _heldDedupeKeys;
    private long? _storedBefore;

    // Set once a row past the probe went the merge path: another source is in play, every row from then on is checked
    // against the store one at a time, and the indexes stay in place rather than being set aside and rebuilt again every
    // few thousand rows. The probe's own rows do not count: every import's first rows go that way.
    private bool _rowByRow;

    public long BatchId => batchId;

    /// <summary>Where the owner's data changed, for detection: new invitations, and stored ones that gained a company.</summary>
    public List<InvitationChange> Changes { get; } = [];

    /// <summary>
    /// The sender keys merges replaced (a name-based key by a profile URL), with their times. Only the merge's snapshot
    /// names them afterwards, yet other members' CAMPAIGN_SENDER may have counted this member under them. One entry per
    /// such merge, about a hundred bytes: merges are looked up in the store one row at a time, so an import has far
    /// fewer of them than rows it could hold.
    /// </summary>
    public List<(string SenderKey, DateTime SentAt)> ReplacedSenders { get; } = [];

    /// <summary>So much changed that one rebuild of the owner's flocks is cheaper than re-detecting around each change.</summary>
    public bool NeedsRebuild { get; private set; }

    public Dictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);
    public ImportRejections Rejected => rejected;
    public int AddedCount { get; private set; }
    public int Merged { get; private set; }
    public int Duplicates { get; private set; }
    public int Contacts { get; private set; }
    public int Read { get; private set; }

    public async Task TakeAsync(ImportItem item, CancellationToken cancellationToken)
    {
        Read++;
        switch (item.Read)
        {
            case IngestDraft { Draft: var draft }:
                if (item.Problem is { } problem)
                {
                    Rejected.Add(new ImportRejection(IndexOf(draft.Origin), $"{draft.Origin}: {problem}"));
                    return;
                }

                await AddOrMergeAsync(item.Invitation!, cancellationToken);
                return;
            case IngestContact when item.Contact is { } contact:
                await AddContactAsync(contact, cancellationToken);
                return;
            case IngestSkip skip:
                Skipped[skip.KindName] = Skipped.GetValueOrDefault(skip.KindName) + 1;
                return;
            case IngestRejection rejection:
                Rejected.Add(new ImportRejection(IndexOf(rejection.Origin), rejection.Message));
                return;
        }
    }

    /// <summary>Stores what is still gathered, and builds the indexes again if they were set aside; detection needs them.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);

        // Detection comes next, and needs the memory more.
        _externalMinuteKeys = null;
        await RestoreIndexesAsync(cancellationToken);
        if (_heldDedupeKeys)
        {
            // The keys just let go are tens of megabytes that lived through the whole import, in the oldest generation,
            // which only a full collection frees; without one, the rebuild that comes next grows the heap on top of them.
            // An aggressive one also gives the freed memory back at once: after a plain one the collector kept 110 MB
            // committed for a heap of 5 to 10 MB into the rebuild, where a million-row import peaked (docs/performance.md,
            // "The import's peak memory, session 9").
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    private async Task AddOrMergeAsync(Invitation invitation, CancellationToken cancellationToken)
    {
        if (invitation.CompanyKey is null && InvitationMerge.ProfileKey(invitation) is { } profileKey
            && (_hasContacts ??= await store.HasContactsAsync(cancellationToken))
            && await store.ContactCompanyAsync(profileKey, cancellationToken) is { } contact)
        {
            invitation.Company = contact.Company.Trim();
            invitation.CompanyKey = contact.CompanyKey;
        }

        if (!await MayMergeAsync(invitation.Source, cancellationToken))
        {
            // No other source to merge into: the unique indexes tell a duplicate (the in-memory dedupe keys while a bulk
            // import has set them aside), and the minute keys of invitations with an external id, which those indexes
            // leave out. Those gathered but not yet stored are stored first.
            _externalMinuteKeys ??= await store.ExternalMinuteKeysAsync(cancellationToken);
            if (invitation.ExternalId is null && _pendingExternalKeys.Contains(invitation.Network, invitation.SenderKey, invitation.SentMinute))
            {
                await FlushAsync(cancellationToken);
            }

            if ((invitation.ExternalId is null && _externalMinuteKeys.Contains(invitation.Network, invitation.SenderKey, invitation.SentMinute))
                || _dedupeKeys?.Contains(invitation) == true)
            {
                Duplicates++;
                return;
            }

            _pending.Add(invitation);
            _addedSources.Add(invitation.Source);

            // Known from the moment it is queued, so a second one before the next flush is a duplicate too.
            _dedupeKeys?.Add(invitation);
            if (invitation.ExternalId is not null)
            {
                _pendingExternalKeys.Add(invitation.Network, invitation.SenderKey, invitation.SentMinute);
            }

            if (_pending.Count >= store.InsertBatchSize)
            {
                await FlushAsync(cancellationToken);
            }

            return;
        }

        // One row at a time against the store from here on; what was kept in memory would go stale.
        await FlushAsync(cancellationToken);
        _externalMinuteKeys = null;
        _rowByRow |= Read > LookupProbeRows;
        await RestoreIndexesAsync(cancellationToken);
        if (await store.IsStoredAsync(invitation, cancellationToken))
        {
            Duplicates++;
            return;
        }

        var candidates = await store.MergeCandidatesAsync(InvitationMerge.ProfileKey(invitation), invitation.SenderNameKey, invitation.SentAt, cancellationToken);
        var target = candidates.FirstOrDefault(c => InvitationMerge.SameInvitation(c, invitation));
        if (target is null)
        {
            _pending.Add(invitation);
            await FlushAsync(cancellationToken);
            return;
        }

        var (companyBefore, senderBefore, classBefore) = (target.CompanyKey, target.SenderKey, target.MessageClass);
        var before = InvitationMerge.Snapshot(target);
        if (!InvitationMerge.Into(target, invitation))
        {
            // Everything this source says is already there: importing it again is a duplicate, not a merge.
            Duplicates++;
            return;
        }

        Merged++;
        target.UpdatedAt = now;
        await SnapshotAsync(target, before, cancellationToken);
        await store.UpdateMergedAsync(target, cancellationToken);
        if (target.SenderKey != senderBefore)
        {
            ReplacedSenders.Add((senderBefore, target.SentAt));
        }

        if (target.CompanyKey != companyBefore)
        {
            NoteChange(companyBefore, target.SentAt);
            NoteChange(target.CompanyKey, target.SentAt);
        }
        else if (target.SenderKey != senderBefore || target.MessageClass != classBefore)
        {
            // A profile URL that replaces a name-based sender key, or a note, changes how senders are counted and
            // scored, so the company is detected there again.
            NoteChange(target.CompanyKey, target.SentAt);
        }
    }

    /// <summary>
    /// A known contact, then the company it gives to the owner's stored invitations from the same profile that had
    /// none (an export's Invitations.csv names no company; its Connections.csv does).
    /// </summary>
    private async Task AddContactAsync(KnownContact contact, CancellationToken cancellationToken)
    {
        // The gathered invitations go first: the contact may give them their company.
        await FlushAsync(cancellationToken);
        if (contact.ProfileUrl is { } url && await store.IsContactStoredAsync(url, cancellationToken))
        {
            return;
        }

        await store.InsertContactAsync(contact, cancellationToken);
        Contacts++;
        _hasContacts = true;
        if (contact.ProfileUrl is null || contact.CompanyKey is null)
        {
            return;
        }

        await RestoreIndexesAsync(cancellationToken);
        foreach (var invitation in await store.CompanylessAsync(contact.ProfileUrl, cancellationToken))
        {
            var before = InvitationMerge.Snapshot(invitation);
            invitation.Company = contact.Company!.Trim();
            invitation.CompanyKey = contact.CompanyKey;
            invitation.UpdatedAt = now;
            await SnapshotAsync(invitation, before, cancellationToken);
            await store.UpdateMergedAsync(invitation, cancellationToken);
            NoteChange(null, invitation.SentAt);
            NoteChange(invitation.CompanyKey, invitation.SentAt);
        }
    }

    /// <summary>Stores the gathered invitations, in the order they came, and counts each as added or duplicate.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var added = await store.InsertAsync(_pending, cancellationToken);
        for (var n = 0; n < _pending.Count; n++)
        {
            if (added[n])
            {
                await AddedAsync(_pending[n], cancellationToken);
            }
            else
            {
                Duplicates++;
            }
        }

        _pending.Clear();
        _pendingExternalKeys.Clear();
    }

    private async Task AddedAsync(Invitation invitation, CancellationToken cancellationToken)
    {
        AddedCount++;
        if (invitation.ExternalId is not null)
        {
            _externalMinuteKeys?.Add(invitation.Network, invitation.SenderKey, invitation.SentMinute);
        }

        _dedupeKeys?.Add(invitation);

        _addedSources.Add(invitation.Source);
        NoteChange(invitation.CompanyKey, invitation.SentAt);
        if (!_rowByRow && !_indexes.Deferred && AddedCount >= DeferIndexesAfter && AddedCount % DeferIndexesAfter == 0)
        {
            // The count includes this import's own rows so far.
            _storedBefore ??= await store.CountAllAsync(cancellationToken) - AddedCount;
            if (AddedCount >= _storedBefore)
            {
                await DeferIndexesAsync(cancellationToken);
            }
        }
    }

    /// <summary>Sets the indexes aside, the unique ones too, with the owner's dedupe keys read first (through an owner index).</summary>
    private async Task DeferIndexesAsync(CancellationToken cancellationToken)
    {
        if (!store.Sql.Dialect.DefersIndexes)
        {
            return;
        }

        _dedupeKeys = await store.DedupeKeysAsync(cancellationToken);
        _heldDedupeKeys = true;
        await _indexes.DeferAsync(cancellationToken);
    }

    /// <summary>Builds the indexes again; from here on the unique indexes tell duplicates.</summary>
    private async Task RestoreIndexesAsync(CancellationToken cancellationToken)
    {
        await _indexes.RestoreAsync(cancellationToken);
        _dedupeKeys = null;
    }

    private async Task<bool> MayMergeAsync(InvitationSource source, CancellationToken cancellationToken)
    {
        if (Read <= LookupProbeRows || _addedSources.Count > 1 || (_addedSources.Count == 1 && !_addedSources.Contains(source)))
        {
            return true;
        }

        if (!_storedOtherSource.TryGetValue(source, out var other))
        {
            // The rows added so far are all of this source, so they cannot make the answer yes.
            other = await store.HasOtherSourceAsync(source, cancellationToken);
            _storedOtherSource[source] = other;
        }

        return other;
    }

    /// <summary>Remembers a stored invitation as it was before this import changed it, once, so that undo can restore it.</summary>
    private async Task SnapshotAsync(Invitation target, string before, CancellationToken cancellationToken)
    {
        if (target.ImportBatchId != batchId && _snapshotted.Add(target.Id))
        {
            await store.InsertMergeAsync(target.Id, before, cancellationToken);
        }
    }

    private void NoteChange(string? companyKey, DateTime sentAt)
    {
        if (NeedsRebuild)
        {
            return;
        }

        Changes.Add(new InvitationChange(companyKey, sentAt));
        if (Changes.Count > ImportService.RebuildThreshold)
        {
            NeedsRebuild = true;
            Changes.Clear();
            Changes.TrimExcess();
        }
    }

    private static int? IndexOf(IngestOrigin origin) => origin.Unit == OriginUnit.Element ? origin.Number - 1 : null;
}
