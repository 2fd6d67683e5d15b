using InviteTriage.Core.Invitations;
using InviteTriage.Data.Database;
using Microsoft.EntityFrameworkCore;

namespace InviteTriage.Data.History;

/// <summary>Writes the per-invitation rows of one history event in a single statement, whatever their number.</summary>
internal static class HistoryWriter
{
    // Built from the status enum and the dialect; it holds no user input. The rows are read by id (OwnedInvitations).
    internal static string InsertStatusChanges(StoreDialect dialect) =>
        """
        INSERT INTO "FlagEventChanges" ("FlagEventId", "InvitationId", "Before", "After")
        SELECT {0}, "Id", 
        """ + StatusNames.SqlCase("\"Status\"") + $$"""
        , {1}
        FROM "Invitations"
        WHERE {{dialect.InList("\"Id\"", "{3}")}} AND {{dialect.Unindexed("\"OwnerId\"")}} = {2}
        """;

    /// <summary>Records the current status of <paramref name="invitationIds"/> as before, and <paramref name="after"/> as after.</summary>
    public static Task<int> StatusChangesAsync(TriageDbContext db, long eventId, string ownerId, IReadOnlyCollection<long> invitationIds, InvitationStatus after, CancellationToken cancellationToken)
    {
        var dialect = StoreDialect.Of(db);
        return db.Database.ExecuteSqlRawAsync(
            InsertStatusChanges(dialect),
            [eventId, StatusNames.Of(after), ownerId, dialect.List(invitationIds)],
            cancellationToken);
    }

    // Built once from the status enum; it holds no user input.
    private static readonly string InsertRemovals =
        """
        INSERT INTO "FlagEventChanges" ("FlagEventId", "InvitationId", "Before", "After")
        SELECT {0}, "Id", 
        """ + StatusNames.SqlCase("\"Status\"") + """
        , 'removed'
        FROM "Invitations"
        WHERE "OwnerId" = {1} AND "ImportBatchId" = {2}
        """;

    /// <summary>Records every invitation an import added as removed, with the status it had.</summary>
    public static Task<int> RemovalsAsync(TriageDbContext db, long eventId, string ownerId, long importBatchId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(InsertRemovals, [eventId, ownerId, importBatchId], cancellationToken);

    /// <summary>The rows of an undo: those of the undone event with before and after swapped.</summary>
    public static Task<int> ReversedChangesAsync(TriageDbContext db, long eventId, long undoneEventId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "FlagEventChanges" ("FlagEventId", "InvitationId", "Before", "After")
            SELECT {0}, "InvitationId", "After", "Before" FROM "FlagEventChanges" WHERE "FlagEventId" = {1}
            """,
            [eventId, undoneEventId],
            cancellationToken);
}
