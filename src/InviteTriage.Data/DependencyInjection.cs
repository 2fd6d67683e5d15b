using InviteTriage.Data.Companies;
using InviteTriage.Data.Accounts;
using InviteTriage.Data.Database;
using InviteTriage.Data.Demo;
using InviteTriage.Data.Detection;
using InviteTriage.Data.Flocks;
using InviteTriage.Data.History;
using InviteTriage.Data.Imports;
using InviteTriage.Data.Insights;
using InviteTriage.Data.Invitations;
using InviteTriage.Data.Leases;
using InviteTriage.Data.Mailboxes;
using InviteTriage.Data.Settings;
using InviteTriage.Data.Triage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InviteTriage.Data;

public static class DependencyInjection
{
    /// <summary>The store, the Identity stores and the use-case services, for the web app and the CLI.</summary>
    public static IdentityBuilder AddTriageData(this IHostApplicationBuilder builder)
    {
        var location = DatabaseLocation.From(builder.Configuration);
        var dialect = StoreDialect.For(location.Provider);
        var services = builder.Services;
        services.AddSingleton(location);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StoreBackup>();

        // One context per operation (Blazor Server circuits live long); the factory also registers a scoped context.
        services.AddDbContextFactory<TriageDbContext>(options => dialect.Configure(options, location));

        // AccountService works through Identity's UserManager, which holds a scoped context. Everything else opens
        // a context per operation from the factory and keeps no state, so one instance serves every circuit.
        services.AddScoped<AccountService>();
        services.AddSingleton<InstanceSettingsService>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<InvitationQueries>();
        services.AddSingleton<FlockQueries>();
        services.AddSingleton<HistoryQueries>();
        services.AddSingleton<InsightsQueries>();
        services.AddSingleton<FlockDetectionService>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<TriageService>();
        services.AddSingleton<CompanyService>();
        services.AddSingleton<CompanyAliasService>();
        services.AddSingleton<SettingsService>();
        services.AddSingleton<DemoDataService>();
        services.AddSingleton<LeaseService>();

        // Mailbox passwords and sign-in cookies are protected with keys kept in the store, which every web instance
        // and the CLI share, so any of them can read what another wrote and the keys survive restarts. Keys of older
        // versions, kept in the data folder, are copied in at start-up (DataProtectionKeyImport).
        services.AddDataProtection()
            .SetApplicationName("InviteTriage")
            .PersistKeysToDbContext<TriageDbContext>();
        services.AddSingleton(new DataProtectionKeyImport(Path.Combine(DatabaseLocation.DataFolderFrom(builder.Configuration), "keys")));
        services.AddSingleton(MailboxOptions.From(builder.Configuration));
        services.AddSingleton<MailboxService>();

        return services
            .AddIdentityCore<TriageUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length beats composition rules (NIST SP 800-63B), so only a minimum length is asked.
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TriageDbContext>();
    }
}
