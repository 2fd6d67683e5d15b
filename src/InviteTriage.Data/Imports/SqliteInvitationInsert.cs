using System.Globalization;
using System.Text;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Database;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace InviteTriage.Data.Imports;

/// <summary>
/// SQLite's insert of new invitations, one native statement below ADO.NET: prepared once, bound by position, the owner
/// and the batch bound once for the whole import, and text encoded into one reused buffer. Microsoft.Data.Sqlite finds
/// every parameter by name and allocates a UTF-8 copy of every string on each execution; for the 20 columns of a
/// million rows that was the largest part of storing them (docs/performance.md, "Import"). The values are written
/// exactly as <see cref="SqliteDialect.Value"/> writes them, so EF Core reads and compares them alike.
/// </summary>
internal sealed class SqliteInvitationInsert : InvitationInsert
{
    private const string Insert =
        """
        INSERT INTO "Invitations" ("OwnerId", "ImportBatchId", "Network", "ExternalId", "SenderName", "SenderHeadline", "Company",
            "CompanyKey", "SenderProfileUrl", "SenderKey", "SenderNameKey", "SentAt", "SentMinute", "Message", "MessageClass", "Status",
            "Source", "AcceptUrl", "ReceivedAt", "UpdatedAt")
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
        ON CONFLICT DO NOTHING
        """;

    // EF Core's SQLite text form of a DateTime (SqliteDialect.Value), at most 27 characters.
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _text = new byte[1024];

    public SqliteInvitationInsert(StoreCommands sql, string ownerId, long batchId)
        : base(sql, ownerId, batchId)
    {
        _db = ((SqliteConnection)sql.Connection).Handle ?? throw new InvalidOperationException("The import's connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, Insert, out _statement));

        // sqlite3_reset keeps the bindings: these two hold for every row.
        Text(1, ownerId);
        Check(raw.sqlite3_bind_int64(_statement, 2, batchId));
    }

    public override Task<bool[]> InsertAsync(IReadOnlyList<Invitation> rows, CancellationToken cancellationToken)
    {
        var added = new bool[rows.Count];
        for (var n = 0; n < rows.Count; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var i = rows[n];
            Text(3, i.Network);
            Text(4, i.ExternalId);
            Text(5, i.SenderName);
            Text(6, i.SenderHeadline);
            Text(7, i.Company);
            Text(8, i.CompanyKey);
            Text(9, i.SenderProfileUrl);
            Text(10, i.SenderKey);
            Text(11, i.SenderNameKey);
            Time(12, i.SentAt);
            Check(raw.sqlite3_bind_int64(_statement, 13, i.SentMinute));
            Text(14, i.Message);
            Check(raw.sqlite3_bind_int64(_statement, 15, (int)i.MessageClass));
            Check(raw.sqlite3_bind_int64(_statement, 16, (int)i.Status));
            Check(raw.sqlite3_bind_int64(_statement, 17, (int)i.Source));
            Text(18, i.AcceptUrl);
            Time(19, i.ReceivedAt);
            Time(20, i.UpdatedAt);

            var done = raw.sqlite3_step(_statement);
            try
            {
                if (done != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(done, _db);
                }

                // ON CONFLICT DO NOTHING: no row changed when the store holds the dedupe key already.
                added[n] = raw.sqlite3_changes(_db) == 1;
            }
            finally
            {
                raw.sqlite3_reset(_statement);
            }
        }

        return Task.FromResult(added);
    }

    public override void Dispose()
    {
        _statement.Dispose();
        base.Dispose();
    }

    private void Text(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > _text.Length)
        {
            _text = new byte[most];
        }

        // SQLitePCL binds a span as SQLITE_TRANSIENT: SQLite copies it, so the buffer is free for the next column.
        var length = Encoding.UTF8.GetBytes(value, _text);
        Check(raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, length)));
    }

    private void Time(int index, DateTime time)
    {
        Span<byte> text = stackalloc byte[32];
        var utc = UtcDateTimeConverter.ToStored(time);
        if (!utc.TryFormat(text, out var length, TimeFormat, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"{time:O} does not fit the store's time format.");
        }

        Check(raw.sqlite3_bind_text(_statement, index, text[..length]));
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _db);
        }
    }
}
