using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Data.Database;

/// <summary>Creates and upgrades the store at start-up, for the web app and the CLI alike.</summary>
public static class TriageDatabase
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var location = services.GetRequiredService<DatabaseLocation>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TriageDatabase).FullName!);
        try
        {
            if (location.SqlitePath is { } path && path != ":memory:")
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }
            }

            var factory = services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
            var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                // EF Core takes a lock row in __EFMigrationsLock for every Migrate, even with nothing to apply, and a
                // process killed while holding it leaves the row behind: every later start waited for it forever.
                // So migrating is skipped when nothing is pending, and a lock older than any migration takes is removed.
                if ((await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Any())
                {
                    if (location.Provider == DatabaseProvider.Sqlite)
                    {
                        await ReleaseStaleMigrationLockAsync(db, logger, cancellationToken).ConfigureAwait(false);
                    }

                    await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
                }

                if (location.Provider == DatabaseProvider.Sqlite)
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
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

    /// <summary>How long a migration lock may be held before it is taken for a dead process's; ours take seconds.</summary>
    public static readonly TimeSpan StaleMigrationLock = TimeSpan.FromMinutes(2);

    private static async Task ReleaseStaleMigrationLockAsync(TriageDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var lockTable = await db.Database
            .SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (lockTable.Count == 0)
        {
            return;
        }

        // A live migrator releases its lock in seconds; one that is still there after StaleMigrationLock was left by
        // a process that died, and is removed so that this one can migrate.
        while (true)
        {
            var taken = await db.Database.SqlQueryRaw<string>("SELECT \"Timestamp\" AS \"Value\" FROM \"__EFMigrationsLock\"")
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (taken.Count == 0)
            {
                return;
            }

            if (taken.Any(t => !DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) || DateTimeOffset.UtcNow - at > StaleMigrationLock))
            {
                logger.LogWarning("Removed a migration lock left by a process that stopped while migrating the database");
                await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", cancellationToken).ConfigureAwait(false);
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }
}
