using InviteTriage.Data.Invitations;
using InviteTriage.Data.Triage;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.History;

/// <summary>The append-only history of one owner, newest first.</summary>
public sealed class HistoryQueries(IDbContextFactory<TriageDbContext> dbFactory)
{
    public async Task<Page<HistoryEntry>> ListAsync(string ownerId, HistoryFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.FlagEvents.AsNoTracking().Where(e => e.OwnerId == ownerId);
        if (filter.Kind is { } kind)
        {
            query = query.Where(e => e.Kind == kind);
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.OccurredAt <= to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.Where(e => e.Actor == filter.Actor);
        }

        if (!string.IsNullOrWhiteSpace(filter.Company))
        {
            var company = LikePattern.Contains(filter.Company);
            query = query.Where(e =>
                db.Flocks.Any(f => f.Id == e.FlockId && TriageDbContext.ContainsText(f.Company, company))
                || db.FlagEventChanges.Any(c => c.FlagEventId == e.Id && db.Invitations.Any(i =>
                    i.Id == c.InvitationId && i.OwnerId == ownerId && i.Company != null && TriageDbContext.ContainsText(i.Company, company)))
                || (e.ImportBatchId != null && db.Invitations.Any(i =>
                    i.ImportBatchId == e.ImportBatchId && i.OwnerId == ownerId && i.Company != null && TriageDbContext.ContainsText(i.Company, company))));
        }

        var pageSize = Math.Clamp(filter.PageSize, 1, HistoryFilter.MaxPageSize);
        var total = await query.CountAsync(cancellationToken);
        var events = await query
            .OrderByDescending(e => e.Id)
            .Skip((Math.Max(filter.Page, 1) - 1) * pageSize)
            .Take(pageSize)
            .Include(e => e.Changes)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var ids = events.Select(e => e.Id).ToList();
        var undone = (await db.FlagEvents
                .Where(e => e.OwnerId == ownerId && e.UndoesEventId != null && ids.Contains(e.UndoesEventId.Value))
                .Select(e => e.UndoesEventId!.Value)
                .ToListAsync(cancellationToken))
            .ToHashSet();

        return new Page<HistoryEntry>(
            [.. events.Select(e => new HistoryEntry(
                e.Id, e.Kind, e.Actor, e.OccurredAt, e.Summary, e.FlockId, e.ImportBatchId, e.UndoesEventId,
                undone.Contains(e.Id),
                undone.Contains(e.Id) ? "Already undone." : UndoRules.CanUndo(e.Kind) ? null : UndoRules.WhyNot(e.Kind),
                [.. e.Changes.OrderBy(c => c.InvitationId).Select(c => new HistoryChange(c.InvitationId, c.Before, c.After))]))],
            total);
    }
}
