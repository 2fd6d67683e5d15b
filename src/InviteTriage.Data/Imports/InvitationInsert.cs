using System.Data.Common;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Database;

namespace InviteTriage.Data.Imports;

/// <summary>
/// How an import writes new invitations: one prepared insert per row. <see cref="SqliteInvitationInsert"/> does the same
/// below ADO.NET, and <see cref="PostgresInvitationCopy"/> writes many rows at once, each a round trip saved. A row
/// whose dedupe key the store already holds is not inserted, by the unique indexes (or, while a bulk import has set
/// them aside, because ImportRun's in-memory dedupe keys never queue it).
/// </summary>
internal class InvitationInsert(StoreCommands sql, string ownerId, long batchId) : IDisposable
{
    private const string Insert =
        """
        INSERT INTO "Invitations" ("OwnerId", "Network", "ExternalId", "SenderName", "SenderHeadline", "Company", "CompanyKey",
            "SenderProfileUrl", "SenderKey", "SenderNameKey", "SentAt", "SentMinute", "Message", "MessageClass", "Status", "Source",
            "ImportBatchId", "AcceptUrl", "ReceivedAt", "UpdatedAt")
        VALUES (@owner, @network, @externalId, @name, @headline, @company, @companyKey, @url, @senderKey, @nameKey, @sentAt, @minute,
            @message, @class, @status, @source, @batch, @acceptUrl, @receivedAt, @updatedAt)
        ON CONFLICT DO NOTHING
        """;

    // Prepared on first use: a subclass with a faster way may never need it.
    private DbCommand? _insert;

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
            _insert ??= sql.Prepare(Insert,
                "@owner", "@network", "@externalId", "@name", "@headline", "@company", "@companyKey", "@url", "@senderKey", "@nameKey", "@sentAt",
                "@minute", "@message", "@class", "@status", "@source", "@batch", "@acceptUrl", "@receivedAt", "@updatedAt");
            added[n] = await sql.Bind(_insert, ownerId, i.Network, i.ExternalId, i.SenderName, i.SenderHeadline, i.Company, i.CompanyKey,
                    i.SenderProfileUrl, i.SenderKey, i.SenderNameKey, i.SentAt, i.SentMinute, i.Message, i.MessageClass, i.Status, i.Source,
                    batchId, i.AcceptUrl, i.ReceivedAt, i.UpdatedAt)
                .ExecuteNonQueryAsync(cancellationToken) == 1;
        }

        return added;
    }

    /// <summary>Frees what the insert holds beyond the prepared commands of <see cref="Sql"/>.</summary>
    public virtual void Dispose()
    {
    }
}
