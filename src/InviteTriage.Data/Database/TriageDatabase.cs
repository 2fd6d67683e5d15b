using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Data.Database;

/// <summary>Creates and upgrades the store at start-up, for the web app and the CLI alike.</summary>
public static class TriageDatabase
{
    /// <summary>How long a migration lock may be held before it is taken for a dead process's; ours take seconds.</summary>
    public static readonly TimeSpan StaleMigrationLock = TimeSpan.FromMinutes(2);

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var location = services.GetRequiredService<DatabaseLocation>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TriageDatabase).FullName!);
        try
        {
            StoreDialect.For(location.Provider).Prepare(location);
            var factory = services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
            var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                var dialect = StoreDialect.Of(db);

                // EF Core takes a migration lock for every Migrate, even with nothing to apply, and on SQLite a process
                // killed while holding it left the lock behind. So migrating is skipped when nothing is pending.
                if ((await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Any())
                {
                    await dialect.BeforeMigrateAsync(db, logger, cancellationToken).ConfigureAwait(false);
                    await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
                }

                await dialect.AfterMigrateAsync(db, cancellationToken).ConfigureAwait(false);
                if (services.GetService<DataProtectionKeyImport>() is { } keys)
                {
                    await keys.RunAsync(db, logger, cancellationToken).ConfigureAwait(false);
                }
            }

            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Database ready at {Database}", location.ToString());
            }
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException)
        {
            throw new DatabaseUnavailableException($"Cannot open or write the database at {location}: {ex.Message}", ex);
        }
    }
}
