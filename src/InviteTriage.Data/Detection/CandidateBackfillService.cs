using InviteTriage.Data.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Data.Detection;

/// <summary>
/// Stores the flock candidates of users from before candidates were kept (<see cref="TriageUser.FlockCandidatesStored"/>),
/// one user at a time, in the background: one rebuild each, which finds the flocks already stored and so writes
/// little but the candidates. Until a user's turn, detection re-reads that user's companies where it would re-test
/// candidates: slower, never wrong. A user who fails is logged and tried again at the next start; several
/// instances may share the work, and a user already done is skipped.
/// </summary>
public sealed class CandidateBackfillService(
    IDbContextFactory<TriageDbContext> dbFactory, FlockDetectionService detection, ILogger<CandidateBackfillService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the app finish starting first.
        await Task.Yield();
        List<string> owners;
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            owners = await db.Users.Where(u => !u.FlockCandidatesStored).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(stoppingToken);
        }

        foreach (var owner in owners)
        {
            try
            {
                await detection.StoreCandidatesAsync(owner, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not store the flock candidates of {Owner}; detection stays on its slower path for them until the next start", owner);
            }
        }

        if (owners.Count > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Stored the flock candidates of {Count} users from before candidates were kept", owners.Count);
        }
    }
}
