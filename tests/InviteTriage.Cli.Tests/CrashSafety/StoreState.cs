using Microsoft.Data.Sqlite;

namespace InviteTriage.Cli.Tests.CrashSafety;

/// <summary>What a store file holds after an import, read with plain SQL, as any other tool would read it.</summary>
public sealed record StoreState(
    string Integrity,
    int ForeignKeyProblems,
    IReadOnlyList<string> Batches,
    StoreContents Contents,
    IReadOnlyList<string> Indexes)
{
    public static async Task<StoreState> ReadAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        var state = new StoreState(
            string.Join('\n', await ListAsync(connection, "PRAGMA integrity_check")),
            (await ListAsync(connection, "PRAGMA foreign_key_check")).Count,
            await ListAsync(connection, """SELECT "State" || ' ' || "Added" || ' ' || "Merged" || ' ' || "Duplicates" || ' ' || json_array_length("Rejections") FROM "ImportBatches" ORDER BY "Id" """),
            new StoreContents(
                await CountAsync(connection, """SELECT count(*) FROM "Invitations" """),
                await CountAsync(connection, """SELECT count(*) FROM "Flocks" WHERE "Status" IN (0, 1)"""),
                await CountAsync(connection, """SELECT count(*) FROM "FlockMembers" """),
                await CountAsync(connection, """SELECT count(*) FROM "Invitations" WHERE "FlockId" IS NOT NULL"""),
                await CountAsync(connection, """SELECT count(*) FROM "FlagEvents" WHERE "Actor" = 'detector'"""),
                await CountAsync(connection, """SELECT count(*) FROM "KnownContacts" """)),
            await ListAsync(connection, """SELECT "sql" FROM "sqlite_master" WHERE "type" = 'index' AND "sql" IS NOT NULL ORDER BY "name" """));
        return state;
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> ListAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var found = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetValue(0).ToString()!);
        }

        return found;
    }
}

/// <summary>The invitations, flocks and history of an import, which do not depend on how many runs it took.</summary>
public sealed record StoreContents(long Invitations, long LiveFlocks, long FlockMembers, long InFlocks, long DetectorEvents, long Contacts)
{
    public static readonly StoreContents Empty = new(0, 0, 0, 0, 0, 0);
}
