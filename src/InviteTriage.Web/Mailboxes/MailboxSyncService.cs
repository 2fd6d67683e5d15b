using InviteTriage.Data.Mailboxes;

namespace InviteTriage.Web.Mailboxes;

/// <summary>
/// Syncs every user's mailbox when the app starts and then every <c>Mailboxes:SyncInterval</c> (15 minutes unless set;
/// zero turns it off). One user's failing server never stops the others, and nothing ends the loop but shutdown.
/// </summary>
internal sealed class MailboxSyncService(
    MailboxService mailboxes,
    MailboxOptions options,
    TimeProvider time,
    ILogger<MailboxSyncService> logger) : BackgroundService
{
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

    private async Task SyncAllAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<string> owners;
        try
        {
            owners = await mailboxes.OwnersAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "The background mailbox sync could not list the mailboxes; it tries again in {Interval}", options.SyncInterval);
            return;
        }

        foreach (var owner in owners)
        {
            try
            {
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
