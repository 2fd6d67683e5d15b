using InviteTriage.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Data.Detection;

/// <summary>
/// Fills the candidates of a store that was written before they were kept, by rebuilding every user once at
/// start-up. The mark is set only once the rebuild is done, so an interrupted start-up simply rebuilds again.
/// </summary>
internal static class CandidateBackfill
{
    public static async Task RunAsync(TriageDbContext db, FlockDetectionService detection, ILogger logger, CancellationToken cancellationToken)
    {
        if (await db.InstanceSettings.AnyAsync(s => s.Id == InstanceSettings.SingletonId && s.CandidatesStored, cancellationToken))
        {
            return;
        }

        if (await db.Invitations.AnyAsync(cancellationToken))
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Rebuilding every user's flocks once, to store their candidates for faster detection");
            }

            await detection.RebuildAllAsync(cancellationToken);
        }

        await db.InstanceSettings
            .Where(s => s.Id == InstanceSettings.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CandidatesStored, true), cancellationToken);
    }
}
