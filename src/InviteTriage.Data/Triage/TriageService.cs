using InviteTriage.Core.Flocks;
using InviteTriage.Core.History;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Text;
using InviteTriage.Core.Triage;
using InviteTriage.Data.Detection;
using InviteTriage.Data.Flocks;
using InviteTriage.Data.History;
using InviteTriage.Data.Imports;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Mailboxes;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Triage;

/// <summary>
/// The user's decisions: on invitations, on whole flocks, and undo. Each is set-based (one UPDATE and one history
/// insert whatever its size) and all-or-nothing: an unknown or foreign id changes nothing.
/// </summary>
public sealed class TriageService(
    IDbContextFactory<TriageDbContext> dbFactory,
    FlockDetectionService detection,
    ImportService imports,
    MailboxService mailboxes,
    TimeProvider time)
{
    public Task<TriageResult> ActOnInvitationsAsync(string ownerId, string actor, IReadOnlyCollection<long> ids, TriageAction action, CancellationToken cancellationToken) =>
        ActOnInvitationsAsync(ownerId, actor, ids, action, seen: null, cancellationToken);

    /// <summary>
    /// Decides on invitations by id. <c>seen</c> holds the statuses a page showed the user, when it acts on what it
    /// displayed: if any invitation has changed since (in another tab, say), nothing is changed and the result names
    /// them, so a stale page never overwrites.
    /// </summary>
    public async Task<TriageResult> ActOnInvitationsAsync(
        string ownerId, string actor, IReadOnlyCollection<long> ids, TriageAction action, IReadOnlyDictionary<long, InvitationStatus>? seen,
        CancellationToken cancellationToken)
    {
        if (action.TargetStatus() is not { } target)
        {
            return TriageResult.Invalid($"'{KebabName.Of(action)}' applies to flocks, not to invitations.");
        }

        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0)
        {
            return TriageResult.Invalid("Name at least one invitation.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var owned = await db.Invitations.WithIds(ownerId, distinct).CountAsync(cancellationToken);
        if (owned != distinct.Count)
        {
            return TriageResult.NotFound($"{distinct.Count - owned} of the {distinct.Count} invitations do not exist or are not yours; nothing was changed.");
        }

        return await ChangeStatusAsync(
            db, ownerId, actor, db.Invitations.WithIds(ownerId, distinct).Where(i => i.Status != target),
            target, flockId: null, seen, cancellationToken);
    }

    public async Task<TriageResult> ActOnFlockAsync(string ownerId, string actor, long flockId, TriageAction action, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var flock = await db.Flocks.AsNoTracking().SingleOrDefaultAsync(f => f.Id == flockId && f.OwnerId == ownerId, cancellationToken);
        if (flock is null)
        {
            return TriageResult.NotFound($"There is no flock {flockId} of yours.");
        }

        if (action == TriageAction.Dismiss)
        {
            return await DismissAsync(db, flock, actor, cancellationToken);
        }

        if (flock.Status is not (FlockStatus.Open or FlockStatus.Resolved))
        {
            return TriageResult.Invalid($"Flock {flockId} is {KebabName.Of(flock.Status)}; act on its invitations instead.");
        }

        var target = action.TargetStatus()!.Value;

        // Deciding on a flock answers its pending members; restoring it brings every decided member back.
        var members = db.Invitations.Where(i => i.OwnerId == ownerId && i.FlockId == flockId);
        members = target == InvitationStatus.Pending
            ? members.Where(i => i.Status != InvitationStatus.Pending)
            : members.Where(i => i.Status == InvitationStatus.Pending);
        return await ChangeStatusAsync(db, ownerId, actor, members, target, flockId, seen: null, cancellationToken);
    }

    /// <summary>
    /// Restores the before-states of a decision or a dismissal, as a new Undone event. If any of its invitations
    /// changed since, nothing is restored and the result names them.
    /// </summary>
    public async Task<TriageResult> UndoAsync(string ownerId, string actor, long eventId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var undone = await db.FlagEvents.AsNoTracking().Include(e => e.Changes)
            .SingleOrDefaultAsync(e => e.Id == eventId && e.OwnerId == ownerId, cancellationToken);
        if (undone is null)
        {
            return TriageResult.NotFound($"There is no history event {eventId} of yours.");
        }

        if (await db.FlagEvents.AnyAsync(e => e.UndoesEventId == eventId && e.Kind == FlagEventKind.Undone, cancellationToken))
        {
            return TriageResult.Invalid($"Event {eventId} is already undone.");
        }

        return undone.Kind switch
        {
            FlagEventKind.StatusChanged => await UndoStatusChangeAsync(db, ownerId, actor, undone, cancellationToken),
            FlagEventKind.FlockDismissed => await UndoDismissalAsync(db, ownerId, actor, undone, cancellationToken),
            FlagEventKind.Imported when undone.ImportBatchId is { } batchId => await imports.UndoAsync(ownerId, actor, batchId, cancellationToken),
            _ => TriageResult.Invalid(UndoRules.WhyNot(undone.Kind)),
        };
    }

    private static async Task<List<(long Id, string Name)>> ChangedSinceAsync(
        TriageDbContext db, string ownerId, IReadOnlyDictionary<long, InvitationStatus> seen, CancellationToken cancellationToken)
    {
        var ids = seen.Keys.ToList();
        var now = await db.Invitations.WithIds(ownerId, ids)
            .Select(i => new { i.Id, i.SenderName, i.Status })
            .ToListAsync(cancellationToken);
        return [.. now.Where(i => seen[i.Id] != i.Status).Select(i => (i.Id, i.SenderName))];
    }

    private async Task<TriageResult> ChangeStatusAsync(
        TriageDbContext db, string ownerId, string actor, IQueryable<Invitation> targets, InvitationStatus target, long? flockId,
        IReadOnlyDictionary<long, InvitationStatus>? seen, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Writing the event first takes the write lock, so the targets read next cannot change under us.
        var change = NewEvent(ownerId, actor, FlagEventKind.StatusChanged, "", flockId);
        db.FlagEvents.Add(change);
        await db.SaveChangesAsync(cancellationToken);

        if (seen is { Count: > 0 } && await ChangedSinceAsync(db, ownerId, seen, cancellationToken) is { Count: > 0 } changed)
        {
            await transaction.RollbackAsync(cancellationToken);
            var names = string.Join(", ", changed.Take(3).Select(c => c.Name)) + (changed.Count > 3 ? $" and {changed.Count - 3} more" : "");
            return new TriageResult(
                TriageOutcome.Conflict,
                $"{names} changed since this page showed {(changed.Count == 1 ? "it" : "them")}, elsewhere; nothing was changed. Look again and decide.",
                Conflicts: [.. changed.Select(c => c.Id)]);
        }

        var rows = await targets.Select(i => new { i.Id, i.FlockId }).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return TriageResult.Done($"Nothing to change: they are already {StatusNames.Of(target)}.", null, 0);
        }

        var ids = rows.Select(r => r.Id).ToList();
        await HistoryWriter.StatusChangesAsync(db, change.Id, ownerId, ids, target, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await db.Invitations
            .WithIds(ownerId, ids)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, target).SetProperty(i => i.UpdatedAt, now), cancellationToken);
        await FlockStatuses.RefreshAsync(db, ownerId, [.. rows.Where(r => r.FlockId is not null).Select(r => r.FlockId!.Value).Distinct()], cancellationToken);

        change.Summary = Summary(target, ids.Count, flockId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // After the commit: the decision stands whether or not the mail server answers, and a caller that goes away
        // now must not make a saved decision look failed. Filing reports its own failures.
        await mailboxes.FileDecisionsAsync(ownerId, ids, target, CancellationToken.None);
        return TriageResult.Done(change.Summary, change.Id, ids.Count);
    }

    private async Task<TriageResult> DismissAsync(TriageDbContext db, Flock flock, string actor, CancellationToken cancellationToken)
    {
        if (flock.Status is not (FlockStatus.Open or FlockStatus.Resolved))
        {
            return TriageResult.Invalid($"Flock {flock.Id} is already {KebabName.Of(flock.Status)}.");
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var memberIds = await db.FlockMembers.Where(m => m.FlockId == flock.Id).Select(m => m.InvitationId).ToListAsync(cancellationToken);
            var dismissal = NewEvent(flock.OwnerId, actor, FlagEventKind.FlockDismissed, $"Not a flock: {flock.Company}, {flock.SenderCount} senders", flock.Id);
            dismissal.Changes = [.. memberIds.Select(id => new FlagEventChange { InvitationId = id, Before = $"flock {flock.Id}", After = "dismissed" })];
            db.FlagEvents.Add(dismissal);
            await db.Flocks.Where(f => f.Id == flock.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, FlockStatus.Dismissed).SetProperty(f => f.UpdatedAt, dismissal.OccurredAt), cancellationToken);
            await db.Invitations.Where(i => i.OwnerId == flock.OwnerId && i.FlockId == flock.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.FlockId, (long?)null), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await RedetectAsync(flock, cancellationToken);
            return TriageResult.Done(dismissal.Summary, dismissal.Id, memberIds.Count);
        }
    }

    private async Task<TriageResult> UndoStatusChangeAsync(TriageDbContext db, string ownerId, string actor, FlagEvent undone, CancellationToken cancellationToken)
    {
        var ids = undone.Changes.Select(c => c.InvitationId).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var undo = await WriteUndoEventAsync(db, ownerId, actor, undone, cancellationToken);
        if (await UndoneBeforeAsync(db, undone.Id, undo.Id, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return TriageResult.Invalid($"Event {undone.Id} is already undone.");
        }

        var conflicts = await ChangedSinceAsync(db, ownerId, undone, cancellationToken);
        if (conflicts.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new TriageResult(TriageOutcome.Conflict,
                $"Nothing was undone: {conflicts.Count} of these invitations changed since ({string.Join(", ", conflicts.Take(10))}{(conflicts.Count > 10 ? ", …" : "")}).",
                Conflicts: conflicts);
        }

        await HistoryWriter.ReversedChangesAsync(db, undo.Id, undone.Id, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var group in undone.Changes.GroupBy(c => StatusNames.Parse(c.Before)))
        {
            if (group.Key is not { } before)
            {
                continue;
            }

            var groupIds = group.Select(c => c.InvitationId).ToList();
            await db.Invitations
                .WithIds(ownerId, groupIds)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, before).SetProperty(i => i.UpdatedAt, now), cancellationToken);
        }

        var flockIds = await db.Invitations.WithIds(ownerId, ids).Where(i => i.FlockId != null)
            .Select(i => i.FlockId!.Value).Distinct().ToListAsync(cancellationToken);
        await FlockStatuses.RefreshAsync(db, ownerId, flockIds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var group in undone.Changes.GroupBy(c => StatusNames.Parse(c.Before)))
        {
            if (group.Key is { } restored)
            {
                await mailboxes.FileDecisionsAsync(ownerId, [.. group.Select(c => c.InvitationId)], restored, CancellationToken.None);
            }
        }

        return TriageResult.Done(undo.Summary, undo.Id, ids.Count);
    }

    private async Task<TriageResult> UndoDismissalAsync(TriageDbContext db, string ownerId, string actor, FlagEvent undone, CancellationToken cancellationToken)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var undo = await WriteUndoEventAsync(db, ownerId, actor, undone, cancellationToken);
            var flock = await db.Flocks.SingleOrDefaultAsync(f => f.Id == undone.FlockId && f.OwnerId == ownerId, cancellationToken);
            if (flock is null || flock.Status != FlockStatus.Dismissed || await UndoneBeforeAsync(db, undone.Id, undo.Id, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return TriageResult.Invalid("That flock no longer exists as dismissed, so there is nothing to restore.");
            }

            var ids = undone.Changes.Select(c => c.InvitationId).ToList();
            var regrouped = await db.Invitations
                .WithIds(ownerId, ids).Where(i => i.FlockId != null)
                .Select(i => i.Id)
                .ToListAsync(cancellationToken);
            if (regrouped.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new TriageResult(TriageOutcome.Conflict,
                    $"Nothing was undone: {regrouped.Count} of its invitations now belong to another flock.", Conflicts: regrouped);
            }

            await HistoryWriter.ReversedChangesAsync(db, undo.Id, undone.Id, cancellationToken);
            await db.Invitations.WithIds(ownerId, ids)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.FlockId, flock.Id), cancellationToken);
            flock.Status = FlockStatus.Open;
            await db.SaveChangesAsync(cancellationToken);
            await FlockStatuses.RefreshAsync(db, ownerId, [flock.Id], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await RedetectAsync(flock, cancellationToken);
            return TriageResult.Done(undo.Summary, undo.Id, ids.Count);
        }
    }

    /// <summary>
    /// Writes the Undone event before anything is checked: the write takes the store's write lock, so the checks that
    /// follow see every undo committed before and none can commit until this one is done. Checked first and written
    /// after, two undos of one event (a double click, two tabs) could both pass and restore twice.
    /// </summary>
    private async Task<FlagEvent> WriteUndoEventAsync(TriageDbContext db, string ownerId, string actor, FlagEvent undone, CancellationToken cancellationToken)
    {
        var undo = NewEvent(ownerId, actor, FlagEventKind.Undone, $"Undid: {undone.Summary}", undone.FlockId);
        undo.UndoesEventId = undone.Id;
        db.FlagEvents.Add(undo);
        await db.SaveChangesAsync(cancellationToken);
        return undo;
    }

    private static Task<bool> UndoneBeforeAsync(TriageDbContext db, long eventId, long undoId, CancellationToken cancellationToken) =>
        db.FlagEvents.AnyAsync(e => e.UndoesEventId == eventId && e.Kind == FlagEventKind.Undone && e.Id != undoId, cancellationToken);

    /// <summary>Invitations of an event that a later decision or undo touched, or whose status is no longer the event's after-state.</summary>
    private static async Task<List<long>> ChangedSinceAsync(TriageDbContext db, string ownerId, FlagEvent undone, CancellationToken cancellationToken)
    {
        var ids = undone.Changes.Select(c => c.InvitationId).ToList();
        var touchedLater = await (
                from change in db.FlagEventChanges
                join later in db.FlagEvents on change.FlagEventId equals later.Id
                where later.OwnerId == ownerId && later.Id > undone.Id && ids.Contains(change.InvitationId)
                    && (later.Kind == FlagEventKind.StatusChanged || later.Kind == FlagEventKind.Undone)
                select change.InvitationId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var current = await db.Invitations.WithIds(ownerId, ids)
            .Select(i => new { i.Id, i.Status })
            .ToDictionaryAsync(i => i.Id, i => i.Status, cancellationToken);
        var drifted = undone.Changes
            .Where(c => !current.TryGetValue(c.InvitationId, out var status) || StatusNames.Of(status) != c.After)
            .Select(c => c.InvitationId);
        return [.. touchedLater.Concat(drifted).Distinct().Order()];
    }

    /// <summary>Dismissing or restoring a flock changes how its neighbours group, so its stretch is detected again.</summary>
    private async Task RedetectAsync(Flock flock, CancellationToken cancellationToken)
    {
        var coverage = await detection.CoverageAsync(flock.OwnerId, cancellationToken);
        await detection.DetectAroundAsync(
            flock.OwnerId,
            [new InvitationChange(flock.CompanyKey, flock.FirstSentAt), new InvitationChange(flock.CompanyKey, flock.LastSentAt)],
            coverage,
            cancellationToken);
    }

    private FlagEvent NewEvent(string ownerId, string actor, FlagEventKind kind, string summary, long? flockId) => new()
    {
        OwnerId = ownerId,
        Kind = kind,
        Actor = actor,
        OccurredAt = time.GetUtcNow().UtcDateTime,
        FlockId = flockId,
        Summary = summary,
    };

    private static string Summary(InvitationStatus target, int count, long? flockId)
    {
        var what = flockId is { } id ? $"{count} invitation(s) of flock {id}" : $"{count} invitation(s)";
        return target switch
        {
            InvitationStatus.Accepted => $"Accepted {what}",
            InvitationStatus.Archived => $"Archived {what}",
            InvitationStatus.NotKnown => $"Marked {what} as not known",
            _ => $"Restored {what} to pending",
        };
    }
}
