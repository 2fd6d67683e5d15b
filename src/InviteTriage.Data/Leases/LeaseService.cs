using InviteTriage.Data.Database;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.Leases;

/// <summary>
/// Leases kept as rows of the store, so that every process over one database agrees on who holds one. Taking is a
/// single conditional statement, so two processes that try at the same moment cannot both win.
/// </summary>
public sealed class LeaseService(IDbContextFactory<TriageDbContext> dbFactory, TimeProvider time)
{
    /// <summary>
    /// Takes the lease <paramref name="name"/> for <paramref name="holder"/> until <paramref name="duration"/> from now,
    /// or renews it if the holder has it already. False, changing nothing, while another holder's lease runs.
    /// </summary>
    public async Task<bool> TryTakeAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var taken = await db.Leases
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(lease => lease.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        // The lease's first use. Of two processes inserting at once, the primary key lets one in.
        var dialect = StoreDialect.Of(db);
        return await db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "Leases" ("Name", "Holder", "ExpiresAt") VALUES ({0}, {1}, {2}) ON CONFLICT DO NOTHING""",
            [name, holder, dialect.Value(until)],
            cancellationToken) == 1;
    }

    /// <summary>Gives the lease up at once, so that another process need not wait for it to run out; only its holder can.</summary>
    public async Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Leases.Where(l => l.Name == name && l.Holder == holder).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Who holds the lease now, if anyone.</summary>
    public async Task<string?> HolderAsync(string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Leases.Where(l => l.Name == name && l.ExpiresAt > now).Select(l => l.Holder).SingleOrDefaultAsync(cancellationToken);
    }
}
