using InviteTriage.Data.Database;
using InviteTriage.Data.Imports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Data.Tests.Imports;

/// <summary>
/// The import's lookups run once per row; each must find its rows through a small index range, not walk the member's.
/// On a store as the app leaves it, without statistics (SQLite's planner then goes by the indexes' shapes alone), as a
/// million-invitation member's small imports found out (docs/performance.md, "A small import walked the member's timeline").
/// </summary>
public sealed class ImportStatementPlanTests(SqliteStore store) : IClassFixture<SqliteStore>
{
    [Fact]
    public async Task ARowsMinuteKeyLookup_ReadsTheSendersIndexForThatMinute()
    {
        var plan = await PlanAsync(ImportStatements.MinuteStoredSql, "@senderKey", "@minuteStart", "@minuteEnd", "@owner", "@network", "@minute");

        plan.Should().Contain(step => step.StartsWith("SEARCH Invitations USING INDEX IX_Invitations_SenderKey_SentAt_OwnerId (SenderKey=? AND SentAt>? AND SentAt<?)", StringComparison.Ordinal), string.Join(" / ", plan))
            .And.NotContain(step => step.Contains("IX_Invitations_OwnerId", StringComparison.Ordinal), string.Join(" / ", plan));
    }

    [Fact]
    public async Task AContactsInvitationsWithoutACompany_AreReadThroughTheSendersIndex()
    {
        var plan = await PlanAsync(ImportStatements.CompanylessSql(StoreDialect.Sqlite), "@senderKey", "@owner");

        plan.Should().Contain(step => step.StartsWith("SEARCH Invitations USING INDEX IX_Invitations_SenderKey_SentAt_OwnerId (SenderKey=?)", StringComparison.Ordinal), string.Join(" / ", plan))
            .And.NotContain(step => step.Contains("IX_Invitations_OwnerId", StringComparison.Ordinal), string.Join(" / ", plan));
    }

    private async Task<List<string>> PlanAsync(string sql, params string[] parameters)
    {
        await using var db = await store.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in parameters)
        {
            command.Parameters.AddWithValue(name, "x");
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
