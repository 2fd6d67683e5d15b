using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using InviteTriage.Data.Imports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Data.Database;

/// <summary>The embedded store: one file in WAL mode.</summary>
internal sealed class SqliteDialect : StoreDialect
{
    // SQLite's page cache for a large import's connection (8 MiB; negative means KiB, the default is 2 MiB). A larger
    // one measured no faster, and a 1M-row import must stay within 300 MB.
    private const string ImportCache = "PRAGMA cache_size = -8192";

    // A long search narrows enough by its first sequences; LIKE checks the rest.
    private const int SearchTrigrams = 24;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override bool DefersIndexes => true;

    public override bool WritesRowsAsArrays => false;

    // A list in a query (ids.Contains(x)) goes as one JSON parameter, not one parameter per element (EF Core 10's
    // default), which breaks past SQLite's limit of parameters on a large import. The options are built once per
    // service provider, so its contexts share one queue of writers; a writer waits in it as long as a command may run
    // (the connection string's Default Timeout, 30 s unless it says otherwise).
    public override void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(
                new SqlitePragmas(connectionString),
                new SqliteWriteLock(new WriterQueue(WriterTimeout(connectionString))));

    // 0 means no limit, for a command and so for a writer.
    private static TimeSpan WriterTimeout(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString).DefaultTimeout is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;

    public override void Prepare(DatabaseLocation location)
    {
        if (location.SqlitePath is { } path && path != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
    }

    public override async Task BeforeMigrateAsync(TriageDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        // EF Core takes a lock row in __EFMigrationsLock for every Migrate, and a process killed while holding it
        // leaves the row behind: every later start waited for it forever.
        var lockTable = await db.Database
            .SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (lockTable.Count == 0)
        {
            return;
        }

        // A live migrator releases its lock in seconds; one still there after
        // TriageDatabase.StaleMigrationLock was left by a process that died, and is removed so that this one can migrate.
        while (true)
        {
            var taken = await db.Database.SqlQueryRaw<string>("SELECT \"Timestamp\" AS \"Value\" FROM \"__EFMigrationsLock\"")
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (taken.Count == 0)
            {
                return;
            }

            if (taken.Any(t => !DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) || DateTimeOffset.UtcNow - at > TriageDatabase.StaleMigrationLock))
            {
                logger.LogWarning("Removed a migration lock left by a process that stopped while migrating the database");
                await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", cancellationToken).ConfigureAwait(false);
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task AfterMigrateAsync(TriageDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

    public override string InList(string column, string parameter) => $"{column} IN (SELECT \"value\" FROM json_each({parameter}))";

    public override object List<T>(IReadOnlyCollection<T> values) => JsonSerializer.Serialize(values);

    public override string Json(string parameter) => parameter;

    // SQLite's LIKE ignores the case of ASCII letters.
    public override SqlExpression ContainsText(SqlExpression text, SqlExpression pattern) => new LikeExpression(text, pattern, Escape, typeMapping: null);

    // GLOB, not LIKE: SQLite reads a prefix LIKE through an index only when the index ignores case, and keys are
    // folded already. "x GLOB p" is SQLite's function glob(p, x), and either form is range-scanned.
    public override string KeyPrefix(string key) =>
        key.Replace("[", "[[]", StringComparison.Ordinal).Replace("*", "[*]", StringComparison.Ordinal).Replace("?", "[?]", StringComparison.Ordinal) + "*";

    public override SqlExpression StartsWithKey(SqlExpression key, SqlExpression pattern) =>
        new SqlFunctionExpression("glob", [pattern, key], nullable: true, argumentsPropagateNullability: [true, true], typeof(bool), typeMapping: null);

    // "value || ''" is no longer the indexed column, so SQLite plans by another condition or order.
    public override SqlExpression Unindexed(SqlExpression value) =>
        new SqlBinaryExpression(ExpressionType.Add, value, new SqlConstantExpression("", value.TypeMapping), typeof(string), value.TypeMapping);

    public override string Unindexed(string column) => $"{column} || ''";

    // The trigram index (migrations AddInvitationSearchIndex, CompactInvitationSearchIndex) keeps which rows hold each
    // sequence of three characters, without where in the row (detail=none: a fifth of the size, and half the time to
    // build). So a search asks for the rows that hold every three-character sequence of the text, each quoted, with its
    // own quotes doubled, so that nothing in it is read as query syntax. That is a superset of the rows that hold the
    // text, as is the index's case folding, which is Unicode's where LIKE's is ASCII's: LIKE has the last word.
    public override IQueryable<long>? SearchCandidates(TriageDbContext db, string text)
    {
        var runes = LikePattern.Searched(text).EnumerateRunes().ToArray();
        if (runes.Length < 3)
        {
            return null;
        }

        var trigrams = Enumerable.Range(0, runes.Length - 2)
            .Select(start => string.Concat(runes[start..(start + 3)]))
            .Distinct(StringComparer.Ordinal)
            .Take(SearchTrigrams)
            .Select(trigram => "\"" + trigram.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        var query = string.Join(" AND ", trigrams);
        return db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "InvitationSearch" WHERE "InvitationSearch" MATCH {query}""");
    }

    public override InvitationInsert InvitationInsert(StoreCommands sql, string ownerId, long batchId) => new SqliteInvitationInsert(sql, ownerId, batchId);

    public override async Task<IAsyncDisposable> BulkWriteAsync(StoreCommands sql, CancellationToken cancellationToken)
    {
        var cacheBefore = Convert.ToInt64(await sql.ScalarAsync("PRAGMA cache_size", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        await sql.ScalarAsync(ImportCache, cancellationToken).ConfigureAwait(false);

        // The connection goes back to the pool; the next user gets the usual cache.
        return new Restore(() => sql.ScalarAsync(string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {cacheBefore}"), CancellationToken.None));
    }

    // EF Core's SQLite text form of a DateTime; stored times are UTC (UtcDateTimeConverter).
    public override object Value(object? value) => value is DateTime time
        ? UtcDateTimeConverter.ToStored(time).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)
        : base.Value(value);

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore().ConfigureAwait(false);
    }
}
