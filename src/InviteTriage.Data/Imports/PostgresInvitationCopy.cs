using InviteTriage.Core.Invitations;
using InviteTriage.Data.Database;
using Npgsql;
using NpgsqlTypes;

namespace InviteTriage.Data.Imports;

/// <summary>
/// Many rows go to a temporary table by binary COPY, a few thousand at a time, and from there into the invitations with one
/// <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c>. A statement per row would cost a round trip to the server each.
/// The temporary table lives until the import's transaction ends. A single row, as while the import still looks for
/// rows to merge, goes by the plain insert: three statements for one row would cost more than they save.
/// </summary>
internal sealed class PostgresInvitationCopy(StoreCommands sql, string ownerId, long batchId) : InvitationInsert(sql, ownerId, batchId)
{
    private const string Columns =
        """
        "Network", "ExternalId", "SenderName", "SenderHeadline", "Company", "CompanyKey", "SenderProfileUrl", "SenderKey",
        "SenderNameKey", "SentAt", "SentMinute", "Message", "MessageClass", "Status", "Source", "AcceptUrl", "ReceivedAt", "UpdatedAt"
        """;

    private const string CreateRows =
        """
        CREATE TEMPORARY TABLE IF NOT EXISTS "ImportRows" (
            "Ord" integer NOT NULL, "Network" text NOT NULL, "ExternalId" text, "SenderName" text NOT NULL, "SenderHeadline" text,
            "Company" text, "CompanyKey" text, "SenderProfileUrl" text, "SenderKey" text NOT NULL, "SenderNameKey" text NOT NULL,
            "SentAt" timestamptz NOT NULL, "SentMinute" bigint NOT NULL, "Message" text, "MessageClass" integer NOT NULL,
            "Status" integer NOT NULL, "Source" integer NOT NULL, "AcceptUrl" text, "ReceivedAt" timestamptz NOT NULL,
            "UpdatedAt" timestamptz NOT NULL)
        ON COMMIT DROP;
        TRUNCATE "ImportRows";
        """;

    // The rows are inserted in their order, so of two rows with one dedupe key the first is the one stored; the join
    // finds each stored row's place by the key it was stored under.
    private const string Insert =
        $"""
        WITH added AS (
            INSERT INTO "Invitations" ("OwnerId", "ImportBatchId", {Columns})
            SELECT @owner, @batch, {Columns} FROM "ImportRows" ORDER BY "Ord"
            ON CONFLICT DO NOTHING
            RETURNING "Network", "ExternalId", "SenderKey", "SentMinute")
        SELECT min(r."Ord") FROM added a
        JOIN "ImportRows" r ON r."Network" = a."Network" AND r."SenderKey" = a."SenderKey" AND r."SentMinute" = a."SentMinute"
            AND r."ExternalId" IS NOT DISTINCT FROM a."ExternalId"
        GROUP BY a."Network", a."ExternalId", a."SenderKey", a."SentMinute"
        """;

    public override int BatchSize => 5_000;

    public override async Task<bool[]> InsertAsync(IReadOnlyList<Invitation> rows, CancellationToken cancellationToken)
    {
        if (rows.Count < 2)
        {
            return await base.InsertAsync(rows, cancellationToken);
        }

        var added = new bool[rows.Count];
        await Sql.ScalarAsync(CreateRows, cancellationToken);
        var connection = (NpgsqlConnection)Sql.Connection;
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY \"ImportRows\" (\"Ord\", {Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var n = 0; n < rows.Count; n++)
            {
                var i = rows[n];
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(n, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(i.Network, NpgsqlDbType.Text, cancellationToken);
                await TextAsync(copy, i.ExternalId, cancellationToken);
                await copy.WriteAsync(i.SenderName, NpgsqlDbType.Text, cancellationToken);
                await TextAsync(copy, i.SenderHeadline, cancellationToken);
                await TextAsync(copy, i.Company, cancellationToken);
                await TextAsync(copy, i.CompanyKey, cancellationToken);
                await TextAsync(copy, i.SenderProfileUrl, cancellationToken);
                await copy.WriteAsync(i.SenderKey, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(i.SenderNameKey, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(Sql.Dialect.Value(i.SentAt), NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(i.SentMinute, NpgsqlDbType.Bigint, cancellationToken);
                await TextAsync(copy, i.Message, cancellationToken);
                await copy.WriteAsync((int)i.MessageClass, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync((int)i.Status, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync((int)i.Source, NpgsqlDbType.Integer, cancellationToken);
                await TextAsync(copy, i.AcceptUrl, cancellationToken);
                await copy.WriteAsync(Sql.Dialect.Value(i.ReceivedAt), NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(Sql.Dialect.Value(i.UpdatedAt), NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using var insert = (NpgsqlCommand)Sql.Command(Insert);
        insert.Parameters.AddWithValue("owner", OwnerId);
        insert.Parameters.AddWithValue("batch", BatchId);
        await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            added[reader.GetInt32(0)] = true;
        }

        return added;
    }

    private static Task TextAsync(NpgsqlBinaryImporter copy, string? text, CancellationToken cancellationToken) =>
        text is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);
}
