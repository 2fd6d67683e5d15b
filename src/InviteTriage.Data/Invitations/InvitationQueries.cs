using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Invitations;

/// <summary>Read-side queries over one owner's invitations. Every query is filtered by owner.</summary>
public sealed class InvitationQueries(IDbContextFactory<TriageDbContext> dbFactory)
{
    public async Task<Page<InvitationView>> ListAsync(string ownerId, InvitationFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Invitations.AsNoTracking().Where(i => i.OwnerId == ownerId);
        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (filter.FlockId is { } flockId)
        {
            query = query.Where(i => i.FlockId == flockId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Company))
        {
            var company = filter.Company.Trim();
            query = query.Where(i => i.Company != null && EF.Functions.Like(i.Company, $"%{company}%"));
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = $"%{filter.Search.Trim()}%";
            query = query.Where(i =>
                EF.Functions.Like(i.SenderName, pattern)
                || (i.SenderHeadline != null && EF.Functions.Like(i.SenderHeadline, pattern))
                || (i.Company != null && EF.Functions.Like(i.Company, pattern))
                || (i.Message != null && EF.Functions.Like(i.Message, pattern)));
        }

        var pageSize = Math.Clamp(filter.PageSize, 1, InvitationFilter.MaxPageSize);
        var page = Math.Max(filter.Page, 1);
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(i => i.SentAt).ThenByDescending(i => i.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(i => new InvitationView(
                i.Id, i.ExternalId, i.SenderName, i.SenderHeadline, i.Company, i.CompanyKey,
                i.SentAt, i.Message, i.Status, i.FlockId, i.Source))
            .ToListAsync(cancellationToken);
        return new Page<InvitationView>(items, total);
    }
}
