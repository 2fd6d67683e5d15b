using InviteTriage.Core.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Accounts;

/// <summary>Creating members: the first account becomes the admin, and after it registration is the admin's call.</summary>
public sealed class AccountService(
    UserManager<TriageUser> users,
    RoleManager<IdentityRole> roles,
    IDbContextFactory<TriageDbContext> dbFactory,
    TimeProvider time)
{
    public async Task<bool> HasMembersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(cancellationToken);
    }

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

    /// <summary>Self-service registration from the sign-in page; refused while registration is closed.</summary>
    public async Task<AccountResult> RegisterAsync(string email, string password, CancellationToken cancellationToken)
    {
        if (!await IsRegistrationOpenAsync(cancellationToken))
        {
            return AccountResult.Failed("Registration is closed on this instance. Ask its admin to open it or to add you.");
        }

        return await CreateUserAsync(email, password, admin: false, cancellationToken);
    }

    /// <summary>Creates a member directly (the CLI); the first member of an instance is always its admin.</summary>
    public async Task<AccountResult> CreateUserAsync(string email, string password, bool admin, CancellationToken cancellationToken)
    {
        email = email.Trim();
        if (string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return AccountResult.Failed($"'{email}' is not an e-mail address.");
        }

        var isFirst = !await users.Users.AnyAsync(cancellationToken);
        var user = new TriageUser { UserName = email, Email = email, CreatedAt = time.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // Identity reports a taken e-mail twice (as user name and as e-mail); say it once, plainly.
            var errors = created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName")
                ? [$"An account for {email} already exists. Sign in instead."]
                : created.Errors.Select(e => e.Description);
            return AccountResult.Failed(errors);
        }

        if (isFirst || admin)
        {
            if (!await roles.RoleExistsAsync(Roles.Admin))
            {
                await roles.CreateAsync(new IdentityRole(Roles.Admin));
            }

            await users.AddToRoleAsync(user, Roles.Admin);
        }

        return AccountResult.Succeeded(user, isAdmin: isFirst || admin);
    }

    public Task<TriageUser?> FindByEmailAsync(string email) => users.FindByEmailAsync(email.Trim());
}
