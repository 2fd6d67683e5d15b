namespace InviteTriage.Cli.Tests.Bench;

/// <summary>The test PostgreSQL that test.sh starts, as the Data tests reach it (<c>INVITETRIAGE_TEST_POSTGRES</c>).</summary>
internal static class TestPostgres
{
    public const string Variable = "INVITETRIAGE_TEST_POSTGRES";

    /// <summary>The server's connection string; a test that needs PostgreSQL fails without it, it is never skipped.</summary>
    public static string Server() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{Variable} is not set, so the harness's PostgreSQL tests cannot run. ./test.sh starts a private PostgreSQL and sets it; "
                + "to run them by hand, start one with tests/postgres/start.sh and export its connection string.");
}
