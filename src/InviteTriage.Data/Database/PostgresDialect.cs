using InviteTriage.Data.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Data.Database;

/// <summary>The server store, for larger installs and for several web instances over one database.</summary>
internal sealed class PostgresDialect : StoreDialect
{
    /// <summary>The assembly that holds PostgreSQL's migrations; SQLite's stay in this one.</summary>
    public const string MigrationsAssembly = "InviteTriage.Data.Postgres";

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override bool DefersIndexes => false;

    public override void Configure(DbContextOptionsBuilder options, string connectionString) =>
        Configure(options, new DatabaseLocation(Provider, connectionString));

    public override void Configure(DbContextOptionsBuilder options, DatabaseLocation location) =>
        options.UseNpgsql(location.ConnectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .AddInterceptors(new PostgresWriteLock(location.LockTimeout));

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
        Task.FromResult<IAsyncDisposable>(Nothing.Instance);

    // timestamptz takes only UTC times from Npgsql; stored times are UTC (UtcDateTimeConverter).
    public override object Value(object? value) => value is DateTime time
        ? DateTime.SpecifyKind(time.Kind == DateTimeKind.Utc ? time : time.ToUniversalTime(), DateTimeKind.Utc)
        : base.Value(value);

    private static SqlFunctionExpression Lower(SqlExpression text) =>
        new("lower", [text], nullable: true, argumentsPropagateNullability: [true], typeof(string), text.TypeMapping);

    private sealed class Nothing : IAsyncDisposable
    {
        public static readonly Nothing Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
