using System.Data.Common;
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
                await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
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
}
