using System.Data.Common;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Database;

namespace InviteTriage.Data.Imports;

/// <summary>
/// How an import writes new invitations: one prepared insert per row, which is all SQLite needs, since it is in-process
/// and a statement costs no round trip. <see cref="PostgresInvitationCopy"/> writes many rows at once instead. A row
/// whose dedupe key the store already holds is not inserted, by the unique indexes.
/// </summary>
internal class InvitationInsert(StoreCommands sql, string ownerId, long batchId)
{
    private readonly DbCommand _insert = sql.Prepare(
        """
        INSERT INTO "Invitations" ("OwnerId", "Network", "ExternalId", "SenderName", "SenderHeadline", "Company", "CompanyKey",
            "SenderProfileUrl", "SenderKey", "SenderNameKey", "SentAt", "SentMinute", "Message", "MessageClass", "Status", "Source",
            "ImportBatchId", "AcceptUrl", "ReceivedAt", "UpdatedAt")
        VALUES (@owner, @network, @externalId, @name, @headline, @company, @companyKey, @url, @senderKey, @nameKey, @sentAt, @minute,
            @message, @class, @status, @source, @batch, @acceptUrl, @receivedAt, @updatedAt)
        ON CONFLICT DO NOTHING
        """,
        "@owner", "@network", "@externalId", "@name", "@headline", "@company", "@companyKey", "@url", "@senderKey", "@nameKey", "@sentAt",
        "@minute", "@message", "@class", "@status", "@source", "@batch", "@acceptUrl", "@receivedAt", "@updatedAt");

    protected StoreCommands Sql => sql;

    protected string OwnerId => ownerId;

    protected long BatchId => batchId;

    /// <summary>How many rows the import gathers before it hands them over; it hands them over sooner before reading the store.</summary>
    public virtual int BatchSize => 1;

    /// <summary>Stores <paramref name="rows"/> in their order, and answers which of them were new.</summary>
    public virtual async Task<bool[]> InsertAsync(IReadOnlyList<Invitation> rows, CancellationToken cancellationToken)
    {
        var added = new bool[rows.Count];
        for (var n = 0; n < rows.Count; n++)
        {
            var i = rows[n];
            added[n] = await sql.Bind(_insert, ownerId, i.Network, i.ExternalId, i.SenderName, i.SenderHeadline, i.Company, i.CompanyKey,
                    i.SenderProfileUrl, i.SenderKey, i.SenderNameKey, i.SentAt, i.SentMinute, i.Message, i.MessageClass, i.Status, i.Source,
                    batchId, i.AcceptUrl, i.ReceivedAt, i.UpdatedAt)
                .ExecuteNonQueryAsync(cancellationToken) == 1;
        }

        return added;
    }
}
