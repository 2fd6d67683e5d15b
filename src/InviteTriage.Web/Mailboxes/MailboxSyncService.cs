using InviteTriage.Data.Leases;
using InviteTriage.Data.Mailboxes;

namespace InviteTriage.Web.Mailboxes;

/// <summary>
/// Syncs every user's mailbox when the app starts and then every <c>Mailboxes:SyncInterval</c> (15 minutes unless set;
/// zero turns it off). One user's failing server never stops the others, and nothing ends the loop but shutdown.
/// When several web instances share one database, only the holder of the <see cref="LeaseName"/> lease syncs; the
/// others try to take it each round (see <see cref="LeaseLength"/>).
/// </summary>
internal sealed class MailboxSyncService(
    MailboxService mailboxes,
    LeaseService leases,
    MailboxOptions options,
    TimeProvider time,
    ILogger<MailboxSyncService> logger) : BackgroundService
{
    public const string LeaseName = "mailbox-sync";

    /// <summary>
    /// How long the lease holds between renewals. It is renewed before each mailbox, so a long round keeps it, and a
    /// holder that was killed gives it up within this time rather than within a whole interval.
    /// </summary>
    public static readonly TimeSpan LeaseLength = TimeSpan.FromMinutes(5);

    // This process, among the instances over the store.
    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.SyncInterval <= TimeSpan.Zero)
        {
            logger.LogInformation("The background mailbox sync is off (Mailboxes:SyncInterval is zero)");
            return;
        }

        // Let the app finish starting before the first round reaches out to mail servers.
        await Task.Yield();
        using var timer = new PeriodicTimer(options.SyncInterval, time);
        try
        {
            do
            {
                await SyncAllAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // Another instance need not wait for the lease to run out.
            await leases.ReleaseAsync(LeaseName, _holder, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The mailbox sync lease was not released; another instance takes it when it runs out");
        }
    }

    private async Task SyncAllAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<string> owners;
        try
        {
            if (!await leases.TryTakeAsync(LeaseName, _holder, LeaseLength, stoppingToken))
            {
                logger.LogInformation("Another instance holds the mailbox sync lease; this one does not sync this round");
                return;
            }

            owners = await mailboxes.OwnersAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The background mailbox sync could not take its lease or list the mailboxes; it tries again in {Interval}", options.SyncInterval);
            return;
        }

        foreach (var owner in owners)
        {
            try
            {
                // Renewed before each mailbox: should it have been lost (a pause longer than the lease), another
                // instance may be syncing now, and this round stops rather than sync the same mailboxes twice.
                if (!await leases.TryTakeAsync(LeaseName, _holder, LeaseLength, stoppingToken))
                {
                    logger.LogWarning("The mailbox sync lease passed to another instance during a round; this one stops syncing");
                    return;
                }

                // A refused login or a timeout comes back as the result's status, already logged and stored on the
                // mailbox; the next round retries it.
                await mailboxes.SyncAsync(owner, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "The background sync of the mailbox of {Owner} failed; it is retried in {Interval}", owner, options.SyncInterval);
            }
        }
    }
}
