using InviteTriage.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Accounts;

/// <summary>
/// The instance-wide switches the admin controls. It uses only the context factory, so a Blazor circuit may hold
/// it without holding a database context for its whole life.
/// </summary>
public sealed class InstanceSettingsService(IDbContextFactory<TriageDbContext> dbFactory)
{
    public async Task<bool> HasMembersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(cancellationToken);
    }

    /// <summary>Open while the instance has no members (someone must become the admin), then as the admin says.</summary>
    public async Task<bool> IsRegistrationOpenAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Users.AnyAsync(cancellationToken))
        {
            return true;
        }

        return await db.InstanceSettings.AnyAsync(s => s.Id == InstanceSettings.SingletonId && s.RegistrationOpen, cancellationToken);
    }

    public async Task SetRegistrationOpenAsync(bool open, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.InstanceSettings
            .Where(s => s.Id == InstanceSettings.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RegistrationOpen, open), cancellationToken);
    }
}
