using Microsoft.Data.Sqlite;
using Npgsql;

namespace InviteTriage.Data.Database;

/// <summary>The store's refusals that a user can cause and should be told about in words, whatever layer raised them.</summary>
internal static class StoreErrors
{
    // SQLITE_CONSTRAINT_UNIQUE, the extended code of a unique index's refusal.
    private const int SqliteUniqueConstraintFailed = 2067;

    /// <summary>True when a unique index refused a write; EF wraps SaveChanges' errors, set-based statements do not.</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteExtendedErrorCode: SqliteUniqueConstraintFailed }
                or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return true;
            }
        }

        return false;
    }
}
