using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Accounts;

/// <summary>Creating members: the first account becomes the admin, and after it registration is the admin's call.</summary>
public sealed class AccountService(
    UserManager<TriageUser> users,
    RoleManager<IdentityRole> roles,
    InstanceSettingsService instance,
    TimeProvider time)
{
    /// <summary>Self-service registration from the sign-in page; refused while registration is closed.</summary>
    public async Task<AccountResult> RegisterAsync(string email, string password, CancellationToken cancellationToken)
    {
        if (!await instance.IsRegistrationOpenAsync(cancellationToken))
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

        // The first member is whoever was created first, decided after the fact, so that two registrations
        // racing on an empty instance cannot both become admin.
        var firstId = await users.Users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Select(u => u.Id).FirstAsync(cancellationToken);
        var isFirst = firstId == user.Id;
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
