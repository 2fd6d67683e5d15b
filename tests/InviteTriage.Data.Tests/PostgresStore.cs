using InviteTriage.Data.Database;
using Npgsql;

namespace InviteTriage.Data.Tests;

/// <summary>
/// A database of its own on the test PostgreSQL that test.sh starts (<c>INVITETRIAGE_TEST_POSTGRES</c>, a connection
/// string to its maintenance database). Each is copied from a template that is migrated once per test run, which is
/// much faster than migrating each, and dropped again at the end.
/// </summary>
public sealed class PostgresStore : TriageStore
{
    public const string Variable = "INVITETRIAGE_TEST_POSTGRES";

    private readonly string _database = $"invitetriage_test_{Guid.NewGuid():N}";

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override TriageStore Another() => new PostgresStore();

    public override async Task<string> ChecksumAsync()
    {
        // As StoreChecksum does for SQLite: ApiTokens records each token's last use, by design.
        var tables = await QueryAsync("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'ApiTokens' ORDER BY tablename");
        var parts = new List<string>();
        foreach (var table in tables)
        {
            var rows = await QueryAsync(
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM \"{table}\" t");
            parts.Add($"{table}={rows.Single()}");
        }

        return string.Join(' ', parts);
    }

    public override Task<List<string>> IndexDefinitionsAsync() =>
        QueryAsync("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname");

    protected override async Task<Dictionary<string, string?>> CreateAsync()
    {
        var server = Server();
        var template = await PostgresTemplate.NameAsync(server);
        await PostgresTemplate.ExecuteAsync(server, $"CREATE DATABASE \"{_database}\" TEMPLATE \"{template}\"");
        return new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:InviteTriage"] = new NpgsqlConnectionStringBuilder(server) { Database = _database }.ToString(),
        };
    }

    protected override async Task DropAsync()
    {
        // FORCE ends the connections the store's pool still holds.
        await PostgresTemplate.ExecuteAsync(Server(), $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
    }

    /// <summary>The test server's connection string; a test that needs PostgreSQL fails without it, it is never skipped.</summary>
    internal static string Server() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL tests cannot run. ./test.sh starts a private PostgreSQL and sets it; "
                + "to run the tests by hand, start one with tests/postgres/start.sh and export its connection string.");
}
