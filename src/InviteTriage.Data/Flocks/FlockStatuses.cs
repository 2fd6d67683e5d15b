using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Flocks;

internal static class FlockStatuses
{
    /// <summary>After decisions: a flock with a pending member is open, one without is resolved. One UPDATE.</summary>
    public static Task RefreshAsync(TriageDbContext db, string ownerId, IReadOnlyCollection<long> flockIds, CancellationToken cancellationToken) =>
        flockIds.Count == 0
            ? Task.CompletedTask
            : db.Flocks
                .Where(f => f.OwnerId == ownerId && flockIds.Contains(f.Id) && (f.Status == FlockStatus.Open || f.Status == FlockStatus.Resolved))
                .ExecuteUpdateAsync(s => s.SetProperty(
                    f => f.Status,
                    f => db.Invitations.Any(i => i.FlockId == f.Id && i.Status == InvitationStatus.Pending) ? FlockStatus.Open : FlockStatus.Resolved),
                    cancellationToken);
}
