using InviteTriage.Core.Contacts;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Imports;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Detection;
using InviteTriage.Ingest;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Imports;

/// <summary>
/// One import while it reads: what waits to be written, and the counts so far. Each chunk is written in three steps:
/// known contacts (so that their companies are there for the invitations), then invitations deduplicated against the
/// store, then those merged into an invitation another source already gave (FORMATS.md).
/// </summary>
internal sealed class ImportRun(string ownerId, DateTime now)
{
    private readonly List<Invitation> _pending = [];
    private readonly List<KnownContact> _contacts = [];
    private readonly HashSet<string> _seenKeys = new(StringComparer.Ordinal);

    public long BatchId { get; set; }

    /// <summary>Where the owner's data changed, for detection: new invitations, and merged ones that gained a company.</summary>
    public List<InvitationChange> Changes { get; } = [];

    public Dictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);
    public List<ImportRejection> Rejected { get; } = [];
    public int AddedCount { get; private set; }
    public int Merged { get; private set; }
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
                    Rejected.Add(new ImportRejection(IndexOf(draft.Origin), $"{draft.Origin}: {problem}"));
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

    public async Task FlushAsync(TriageDbContext db, CancellationToken cancellationToken)
    {
        await FlushContactsAsync(db, cancellationToken);
        if (_pending.Count > 0)
        {
            await TakeCompaniesFromConnectionsAsync(db, _pending, cancellationToken);
            var stored = await StoredKeysAsync(db, cancellationToken);
            var fresh = _pending.Where(i => !stored.Contains(DedupeKey(i))).ToList();
            Duplicates += _pending.Count - fresh.Count;
            await AddOrMergeAsync(db, fresh, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        _pending.Clear();
    }

    /// <summary>
    /// Known contacts, then the company they give to the owner's stored invitations from the same profile that had
    /// none (an export's Invitations.csv names no company; its Connections.csv does).
    /// </summary>
    private async Task FlushContactsAsync(TriageDbContext db, CancellationToken cancellationToken)
    {
        if (_contacts.Count == 0)
        {
            return;
        }

        var urls = _contacts.Where(c => c.ProfileUrl is not null).Select(c => c.ProfileUrl!).ToList();
        var known = (await db.KnownContacts
                .Where(c => c.OwnerId == ownerId && c.ProfileUrl != null && urls.Contains(c.ProfileUrl))
                .Select(c => c.ProfileUrl!)
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var fresh = _contacts.Where(c => c.ProfileUrl is null || known.Add(c.ProfileUrl)).ToList();
        db.KnownContacts.AddRange(fresh);
        Contacts += fresh.Count;
        _contacts.Clear();
        await db.SaveChangesAsync(cancellationToken);

        var companyless = await db.Invitations
            .Where(i => i.OwnerId == ownerId && i.CompanyKey == null && urls.Contains(i.SenderKey))
            .ToListAsync(cancellationToken);
        var before = companyless.ToDictionary(i => i.Id, InvitationMerge.Snapshot);
        await TakeCompaniesFromConnectionsAsync(db, companyless, cancellationToken);
        var snapshotted = new HashSet<long>();
        foreach (var invitation in companyless.Where(i => i.CompanyKey is not null))
        {
            invitation.UpdatedAt = now;
            Snapshot(db, invitation, before[invitation.Id], snapshotted);
            Changes.Add(new InvitationChange(null, invitation.SentAt));
            Changes.Add(new InvitationChange(invitation.CompanyKey, invitation.SentAt));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task TakeCompaniesFromConnectionsAsync(TriageDbContext db, List<Invitation> invitations, CancellationToken cancellationToken)
    {
        var needing = invitations.Where(i => i.CompanyKey is null && InvitationMerge.ProfileKey(i) is not null).ToList();
        if (needing.Count == 0)
        {
            return;
        }

        var urls = needing.Select(i => i.SenderKey).Distinct().ToList();
        var companies = (await db.KnownContacts
                .Where(c => c.OwnerId == ownerId && c.ProfileUrl != null && c.CompanyKey != null && urls.Contains(c.ProfileUrl))
                .Select(c => new { c.ProfileUrl, c.Company, c.CompanyKey })
                .ToListAsync(cancellationToken))
            .DistinctBy(c => c.ProfileUrl)
            .ToDictionary(c => c.ProfileUrl!, StringComparer.Ordinal);
        foreach (var invitation in needing)
        {
            if (companies.TryGetValue(invitation.SenderKey, out var contact))
            {
                invitation.Company = contact.Company!.Trim();
                invitation.CompanyKey = contact.CompanyKey;
            }
        }
    }

    /// <summary>
    /// Adds each invitation, unless another source already gave it: then the two become one, which keeps the
    /// richer field of each and remembers what it was, so that undoing this import can restore it.
    /// </summary>
    private async Task AddOrMergeAsync(TriageDbContext db, List<Invitation> fresh, CancellationToken cancellationToken)
    {
        if (fresh.Count == 0)
        {
            return;
        }

        var urls = fresh.Select(InvitationMerge.ProfileKey).OfType<string>().Distinct().ToList();
        var names = fresh.Select(i => i.SenderNameKey).Where(n => n.Length > 0).Distinct().ToList();
        var from = fresh.Min(i => i.SentAt) - InvitationMerge.Window;
        var to = fresh.Max(i => i.SentAt) + InvitationMerge.Window;
        var candidates = await db.Invitations
            .Where(i => i.OwnerId == ownerId && i.SentAt >= from && i.SentAt <= to
                && (urls.Contains(i.SenderKey) || names.Contains(i.SenderNameKey)))
            .ToListAsync(cancellationToken);
        var snapshotted = new HashSet<long>();

        foreach (var invitation in fresh)
        {
            var target = candidates.FirstOrDefault(c => InvitationMerge.SameInvitation(c, invitation));
            if (target is null)
            {
                db.Invitations.Add(invitation);
                candidates.Add(invitation);
                AddedCount++;
                Changes.Add(new InvitationChange(invitation.CompanyKey, invitation.SentAt));
                continue;
            }

            var companyBefore = target.CompanyKey;
            var before = InvitationMerge.Snapshot(target);
            if (!InvitationMerge.Into(target, invitation))
            {
                // Everything this source says is already there: importing it again is a duplicate, not a merge.
                Duplicates++;
                continue;
            }

            Merged++;
            target.UpdatedAt = now;
            Snapshot(db, target, before, snapshotted);
            if (target.CompanyKey != companyBefore)
            {
                Changes.Add(new InvitationChange(companyBefore, target.SentAt));
                Changes.Add(new InvitationChange(target.CompanyKey, target.SentAt));
            }
        }
    }

    /// <summary>Remembers a stored invitation as it was before this import changed it, once, so that undo can restore it.</summary>
    private void Snapshot(TriageDbContext db, Invitation target, string before, HashSet<long> snapshotted)
    {
        if (target.Id != 0 && target.ImportBatchId != BatchId && snapshotted.Add(target.Id))
        {
            db.ImportMerges.Add(new ImportMerge { ImportBatchId = BatchId, InvitationId = target.Id, Before = before });
        }
    }

    private async Task<HashSet<string>> StoredKeysAsync(TriageDbContext db, CancellationToken cancellationToken)
    {
        var externalIds = _pending.Where(i => i.ExternalId is not null).Select(i => i.ExternalId!).Distinct().ToList();
        var senderKeys = _pending.Where(i => i.ExternalId is null).Select(i => i.SenderKey).Distinct().ToList();
        var byExternalId = await db.Invitations
            .Where(i => i.OwnerId == ownerId && i.ExternalId != null && externalIds.Contains(i.ExternalId))
            .Select(i => new { i.Network, i.ExternalId })
            .ToListAsync(cancellationToken);
        var bySender = await db.Invitations
            .Where(i => i.OwnerId == ownerId && senderKeys.Contains(i.SenderKey))
            .Select(i => new { i.Network, i.SenderKey, i.SentMinute })
            .ToListAsync(cancellationToken);
        return byExternalId.Select(i => ExternalKey(i.Network, i.ExternalId!))
            .Concat(bySender.Select(i => MinuteKey(i.Network, i.SenderKey, i.SentMinute)))
            .ToHashSet(StringComparer.Ordinal);
    }

    // FORMATS.md: the source's id when there is one, else the sender and the minute.
    private static string DedupeKey(Invitation invitation) =>
        invitation.ExternalId is { } externalId
            ? ExternalKey(invitation.Network, externalId)
            : MinuteKey(invitation.Network, invitation.SenderKey, invitation.SentMinute);

    private static string ExternalKey(string network, string externalId) => $"x|{network}|{externalId}";

    private static string MinuteKey(string network, string senderKey, long minute) => $"m|{network}|{senderKey}|{minute}";

    private static int? IndexOf(IngestOrigin origin) => origin.Unit == OriginUnit.Element ? origin.Number - 1 : null;
}
