using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace InviteTriage.Corpus;

/// <summary>
/// The row count of every table of a SQLite store and one SHA-256 over every row, so that a test can prove a refused
/// import changed nothing at all. ApiTokens is left out: using a token records when it was last used, by design.
/// </summary>
public static class StoreChecksum
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "ApiTokens" };

    public static async Task<string> OfAsync(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        var connection = new SqliteConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            var tables = new List<string>();
            var list = connection.CreateCommand();
            await using (list.ConfigureAwait(false))
            {
                // The search index (a virtual table and its shadow tables) is left out: it is derived from Invitations
                // by triggers, and some of its tables have no rowid to order by.
                list.CommandText =
                    """
                    SELECT name FROM sqlite_master WHERE type = 'table'
                    AND name NOT IN (SELECT name FROM pragma_table_list WHERE type IN ('virtual', 'shadow'))
                    ORDER BY name
                    """;
                var reader = await list.ExecuteReaderAsync().ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync().ConfigureAwait(false))
                    {
                        tables.Add(reader.GetString(0));
                    }
                }
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var counts = new StringBuilder();
            foreach (var table in tables.Where(t => !Ignored.Contains(t)))
            {
                var rows = await HashRowsAsync(connection, table, hash).ConfigureAwait(false);
                counts.Append(CultureInfo.InvariantCulture, $"{table}={rows} ");
            }

            return $"{counts}sha256={Convert.ToHexStringLower(hash.GetHashAndReset())}";
        }
    }

    private static async Task<int> HashRowsAsync(SqliteConnection connection, string table, IncrementalHash hash)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" ORDER BY rowid";
            var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = 0;
                hash.AppendData(Encoding.UTF8.GetBytes($"\u0001{table}"));
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    rows++;
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.GetValue(i) switch
                        {
                            DBNull => "\u0000null",
                            byte[] bytes => Convert.ToHexString(bytes),
                            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
                        };
                        hash.AppendData(Encoding.UTF8.GetBytes($"\u0002{value}"));
                    }
                }

                return rows;
            }
        }
    }
}
