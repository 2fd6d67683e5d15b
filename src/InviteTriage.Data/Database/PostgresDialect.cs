using System.Globalization;
using InviteTriage.Data.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace InviteTriage.Data.Database;

/// <summary>The server store, for larger installs and for several web instances over one database.</summary>
internal sealed class PostgresDialect : StoreDialect
{
    /// <summary>The assembly that holds PostgreSQL's migrations; SQLite's stay in this one.</summary>
    public const string MigrationsAssembly = "InviteTriage.Data.Postgres";

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override bool DefersIndexes => false;

    public override bool WritesRowsAsArrays => true;

    public override void Configure(DbContextOptionsBuilder options, string connectionString) =>
        Configure(options, new DatabaseLocation(Provider, connectionString));

    public override void Configure(DbContextOptionsBuilder options, DatabaseLocation location) =>
        options.UseNpgsql(location.ConnectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly).CommandTimeout(CommandTimeout(location)))
            .AddInterceptors(new PostgresWriteLock(location.LockTimeout));

    // PostgresWriteLock bounds every lock a transaction waits for by lock_timeout, rows an outside session holds
    // included. A command's own timeout no longer than that (Npgsql's 30 s against the default 30 s) would cut such a
    // wait short as a cancelled command; longer, the wait ends in lock_timeout's clear "lock not available". A longer
    // command timeout in the connection string is kept; a lock timeout of zero waits without end, and so do commands.
    // The set-based paths' own commands take the same timeout (StoreCommands).
    private static int CommandTimeout(DatabaseLocation location)
    {
        var configured = new NpgsqlConnectionStringBuilder(location.ConnectionString).CommandTimeout;
        if (configured == 0 || location.LockTimeout == TimeSpan.Zero)
        {
            return 0;
        }

        // Npgsql holds the timeout in milliseconds, in an int.
        var outlasting = (int)Math.Min(int.MaxValue / 1000, Math.Ceiling(location.LockTimeout.TotalSeconds) + 5);
        return Math.Max(configured, outlasting);
    }

    // The database is the administrator's to create; see docs/scaling.md.
    public override void Prepare(DatabaseLocation location)
    {
    }

    // Npgsql's migration lock is a table lock inside the migration's transaction: it ends with the connection, so a
    // killed process leaves nothing behind, unlike SQLite's lock row.
    public override Task BeforeMigrateAsync(TriageDbContext db, ILogger logger, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task AfterMigrateAsync(TriageDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;

    public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    public override object List<T>(IReadOnlyCollection<T> values) => values.ToArray();

    public override string Json(string parameter) => $"CAST({parameter} AS jsonb)";

    // PostgreSQL's LIKE minds case; lower() on both sides matches SQLite's answers, and beyond ASCII too.
    public override SqlExpression ContainsText(SqlExpression text, SqlExpression pattern) =>
        new LikeExpression(Lower(text), Lower(pattern), Escape, typeMapping: null);

    // A prefix LIKE with the default escape (backslash) is read through a B-tree index under the C collation that
    // docs/scaling.md asks for; under another collation it is still right, only not indexed.
    public override string KeyPrefix(string key) =>
        key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    public override SqlExpression StartsWithKey(SqlExpression key, SqlExpression pattern) =>
        new LikeExpression(key, pattern, escapeChar: null, typeMapping: null);

    // PostgreSQL weighs the conditions' matches from its statistics, and picks the plan itself: a prefix's against the
    // page's LIMIT, the owner's rows against the search's.
    public override SqlExpression Unindexed(SqlExpression value) => value;

    public override string Unindexed(string column) => column;

    // The search's LIKE is answered by the trigram indexes of the four lowered columns (migration AddInvitationSearchIndex).
    public override IQueryable<long>? SearchCandidates(TriageDbContext db, string text) => null;

    public override InvitationInsert InvitationInsert(StoreCommands sql, string ownerId, long batchId) => new PostgresInvitationCopy(sql, ownerId, batchId);

    public override Task<IAsyncDisposable> BulkWriteAsync(StoreCommands sql, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(new AnalyzeAfterBulkWrite(sql));

    // timestamptz takes only UTC times from Npgsql; stored times are UTC (UtcDateTimeConverter).
    public override object Value(object? value) => value is DateTime time ? UtcDateTimeConverter.ToStored(time) : base.Value(value);

    private static SqlFunctionExpression Lower(SqlExpression text) =>
        new("lower", [text], nullable: true, argumentsPropagateNullability: [true], typeof(string), text.TypeMapping);

    /// <summary>
    /// When the import's rows are stored and before its rebuild reads them back in the same transaction: the planner's
    /// statistics do not know those rows yet, so it planned each block of the rebuild (a LIMIT over the owner's company
    /// index) as a sort of all of the owner's rows, 5 to 7 s a block at a million rows (docs/performance.md, "Scale on
    /// PostgreSQL, 1M"). ANALYZE inside the transaction sees its own rows, takes about a second, blocks no reader or
    /// writer, and its statistics are kept only if the import commits. It runs when the import added a tenth of the rows
    /// the statistics counted (autovacuum's own rule), or 100,000 rows in any case; never for an import too small to be
    /// rebuilt, such as an arrival.
    /// </summary>
    private sealed class AnalyzeAfterBulkWrite(StoreCommands sql) : IAsyncDisposable
    {
        private static readonly string Worth = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT pg_stat_get_xact_tuples_inserted(c.oid) > greatest({ImportService.RebuildThreshold}, least(100000, 0.1 * c.reltuples))
            FROM pg_class c WHERE c.oid = '"Invitations"'::regclass
            """);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (await sql.ScalarAsync(Worth, CancellationToken.None) is true)
                {
                    await sql.ScalarAsync("""ANALYZE "Invitations" """, CancellationToken.None);
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InFailedSqlTransaction)
            {
                // The import failed and its transaction is rolled back: its own error is the one to report.
            }
        }
    }
}
