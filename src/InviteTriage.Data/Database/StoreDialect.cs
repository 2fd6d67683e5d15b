using System.Globalization;
using InviteTriage.Data.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Data.Database;

/// <summary>
/// Everything SQLite and PostgreSQL do differently, one member per feature, so that the services and their SQL stay
/// the same for both stores (README, "Two stores, one seam"). The provider is chosen once, by <c>Database:Provider</c>.
/// </summary>
internal abstract class StoreDialect
{
    public static readonly StoreDialect Sqlite = new SqliteDialect();
    public static readonly StoreDialect Postgres = new PostgresDialect();

    public abstract DatabaseProvider Provider { get; }

    public static StoreDialect For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;

    public static StoreDialect Of(TriageDbContext db) => db.Database.IsNpgsql() ? Postgres : Sqlite;

    /// <summary>The provider's options for <see cref="TriageDbContext"/>.</summary>
    public abstract void Configure(DbContextOptionsBuilder options, string connectionString);

    /// <summary>The provider's options for <see cref="TriageDbContext"/> over <paramref name="location"/>, with its settings beyond the connection string.</summary>
    public virtual void Configure(DbContextOptionsBuilder options, DatabaseLocation location) => Configure(options, location.ConnectionString);

    /// <summary>Before the store is first opened at start-up (the SQLite file's folder).</summary>
    public abstract void Prepare(DatabaseLocation location);

    /// <summary>Before a pending migration is applied at start-up (a migration lock left by a dead process).</summary>
    public abstract Task BeforeMigrateAsync(TriageDbContext db, ILogger logger, CancellationToken cancellationToken);

    /// <summary>After migrating at start-up (SQLite's WAL mode).</summary>
    public abstract Task AfterMigrateAsync(TriageDbContext db, CancellationToken cancellationToken);

    /// <summary>SQL that is true when <paramref name="column"/> is one of the list bound to <paramref name="parameter"/> (see <see cref="List{T}"/>).</summary>
    public abstract string InList(string column, string parameter);

    /// <summary>The value to bind for a list that <see cref="InList"/> reads.</summary>
    public abstract object List<T>(IReadOnlyCollection<T> values);

    /// <summary>SQL for a parameter that holds JSON text, where the column is JSON.</summary>
    public abstract string Json(string parameter);

    /// <summary>"<paramref name="text"/> LIKE <paramref name="pattern"/>", ignoring case, with a backslash as escape (LikePattern).</summary>
    public abstract SqlExpression ContainsText(SqlExpression text, SqlExpression pattern);

    /// <summary>
    /// The ids of the invitations whose searched text (sender, headline, company, message) may contain
    /// <paramref name="text"/>, from a full-text index, to drive a search that then checks them with
    /// <see cref="ContainsText"/>; null where that LIKE is indexed itself (PostgreSQL's trigram indexes) or where the
    /// index cannot answer for this text.
    /// </summary>
    public abstract IQueryable<long>? SearchCandidates(TriageDbContext db, string text);

    /// <summary><paramref name="value"/>, in a form that no index can answer, so that the store plans by another condition.</summary>
    public abstract SqlExpression Unindexed(SqlExpression value);

    /// <summary><see cref="Unindexed(SqlExpression)"/> for a column in SQL written by hand.</summary>
    public abstract string Unindexed(string column);

    /// <summary>
    /// The pattern for "a key that starts with <paramref name="key"/>", for <see cref="StartsWithKey"/>. Keys hold letters and
    /// digits only (CompanyKey); anything the pattern language would read as a wildcard is escaped all the same.
    /// </summary>
    public abstract string KeyPrefix(string key);

    /// <summary>"<paramref name="key"/> starts with" a <see cref="KeyPrefix"/> pattern, as a range of the key's index.</summary>
    public abstract SqlExpression StartsWithKey(SqlExpression key, SqlExpression pattern);

    /// <summary>
    /// The same test where the key's index must not be used, so that a page of a company prefix with many matches is
    /// read in the order's own index and stops after its rows, rather than sorting every match.
    /// </summary>
    public SqlExpression StartsWithKeyUnindexed(SqlExpression key, SqlExpression pattern) => StartsWithKey(Unindexed(key), pattern);

    /// <summary>How a large import writes its invitations: prepared inserts on SQLite, binary COPY on PostgreSQL.</summary>
    public abstract InvitationInsert InvitationInsert(StoreCommands sql, string ownerId, long batchId);

    /// <summary>
    /// Whether a large import may drop the invitations' secondary indexes and build them again before it commits. Only
    /// where that blocks no reader: SQLite's readers keep their snapshot, while PostgreSQL would lock the table for all.
    /// </summary>
    public abstract bool DefersIndexes { get; }

    /// <summary>
    /// Whether many rows of one kind are written as arrays in one statement (<c>unnest</c>) rather than a prepared
    /// statement a row. On PostgreSQL each statement is a round trip and a plan; on SQLite a statement runs in process.
    /// </summary>
    public abstract bool WritesRowsAsArrays { get; }

    /// <summary>Settings for the connection while one large import runs; disposing restores them.</summary>
    public abstract Task<IAsyncDisposable> BulkWriteAsync(StoreCommands sql, CancellationToken cancellationToken);

    /// <summary>A value as the provider stores it: what EF Core itself would write.</summary>
    public virtual object Value(object? value) => value switch
    {
        null => DBNull.Value,
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
        var v => v,
    };

    protected static SqlExpression Escape => new SqlConstantExpression(LikePattern.Escape, typeMapping: null);
}
