using System.Globalization;
using InviteTriage.Data.Database;

namespace InviteTriage.Data.Imports;

/// <summary>
/// The invitations' secondary indexes, set aside while a bulk import inserts and built again, each in one sorted
/// pass, before the import commits. SQLite's DDL is transactional: if the import is refused or killed, the indexes
/// come back with the rollback. The unique indexes go too: they are the dedupe keys, so while they are away the import
/// holds those keys in memory (<see cref="DedupeKeys"/>), and building them again checks that no duplicate got in.
/// Kept up to date row by row, their random keys made every insert miss the page cache. Only where the store allows
/// it without blocking readers (<see cref="StoreDialect.DefersIndexes"/>).
/// The search index's insert trigger goes too: it indexed each row on its own, which cost more than the row's insert.
/// The rows stored while it was away are indexed in one statement when it comes back. Only inserts happen while the
/// indexes are away (a merge or a contact's company builds them again first), so no other trigger misses a row.
/// </summary>
internal sealed class DeferredIndexes(StoreCommands sql)
{
    private const string SearchInsertTrigger = "Invitations_Search_Insert";

    private List<string>? _definitions;
    private string? _searchTrigger;
    private long _indexedUpTo;

    public bool Deferred => _definitions is not null;

    public async Task DeferAsync(CancellationToken cancellationToken)
    {
        if (Deferred || !sql.Dialect.DefersIndexes)
        {
            return;
        }

        var indexes = new List<(string Name, string Definition)>();
        var query = sql.Prepare(
            """
            SELECT "name", "sql" FROM "sqlite_master"
            WHERE "type" = 'index' AND "tbl_name" = 'Invitations' AND "sql" IS NOT NULL
            ORDER BY "name"
            """);
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await sql.ScalarAsync($"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken);
        }

        _searchTrigger = await sql.ScalarAsync(
            $"""SELECT "sql" FROM "sqlite_master" WHERE "type" = 'trigger' AND "name" = '{SearchInsertTrigger}'""", cancellationToken) as string;
        if (_searchTrigger is not null)
        {
            _indexedUpTo = Convert.ToInt64(await sql.ScalarAsync("""SELECT COALESCE(MAX("Id"), 0) FROM "Invitations" """, cancellationToken), CultureInfo.InvariantCulture);
            await sql.ScalarAsync($"""DROP TRIGGER "{SearchInsertTrigger}" """, cancellationToken);
        }

        _definitions = [.. indexes.Select(i => i.Definition)];
    }

    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        foreach (var definition in _definitions ?? [])
        {
            await sql.ScalarAsync(definition, cancellationToken);
        }

        if (_searchTrigger is not null)
        {
            // Ids only grow, so the rows stored since the trigger went away are those past the highest Id then.
            await sql.ScalarAsync(
                $"""
                INSERT INTO "InvitationSearch" (rowid, "SenderName", "SenderHeadline", "Company", "Message")
                SELECT "Id", "SenderName", "SenderHeadline", "Company", "Message" FROM "Invitations" WHERE "Id" > {_indexedUpTo}
                """,
                cancellationToken);
            await sql.ScalarAsync(_searchTrigger, cancellationToken);
            _searchTrigger = null;
        }

        _definitions = null;
    }
}
