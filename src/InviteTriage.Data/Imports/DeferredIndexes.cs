using InviteTriage.Data.Database;

namespace InviteTriage.Data.Imports;

/// <summary>
/// The invitations' secondary indexes, set aside while a bulk import inserts and built again, each in one sorted
/// pass, before the import commits. SQLite's DDL is transactional: if the import is refused or killed, the indexes
/// come back with the rollback. The unique indexes go too: they are the dedupe keys, so while they are away the import
/// holds those keys in memory (<see cref="DedupeKeys"/>), and building them again checks that no duplicate got in.
/// Kept up to date row by row, their random keys made every insert miss the page cache. Only where the store allows
/// it without blocking readers (<see cref="StoreDialect.DefersIndexes"/>).
/// </summary>
internal sealed class DeferredIndexes(StoreCommands sql)
{
    private List<string>? _definitions;

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

        _definitions = [.. indexes.Select(i => i.Definition)];
    }

    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        foreach (var definition in _definitions ?? [])
        {
            await sql.ScalarAsync(definition, cancellationToken);
        }

        _definitions = null;
    }
}
