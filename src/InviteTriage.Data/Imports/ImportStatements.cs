using System.Globalization;
using InviteTriage.Core.Contacts;
using InviteTriage.Core.Invitations;
using InviteTriage.Data.Database;
using System.Data.Common;
using static InviteTriage.Data.Database.StoreCommands;

namespace InviteTriage.Data.Imports;

/// <summary>
/// The statements of one import, prepared once on the import's connection and transaction and run once per row:
/// no change tracking, and every lookup through an index (README, "Bulk imports").
/// </summary>
internal sealed class ImportStatements(StoreCommands sql, string ownerId, long batchId) : IDisposable
{
    private const string InvitationColumns =
        """
        "Id", "ImportBatchId", "Source", "Network", "SentAt", "ExternalId", "SenderName", "SenderHeadline", "Company", "CompanyKey",
        "SenderProfileUrl", "SenderKey", "SenderNameKey", "Message", "MessageClass", "AcceptUrl"
        """;

    // The store's unique indexes are FORMATS.md's dedupe keys, so a duplicate is simply not inserted; while a bulk import
    // has set them aside, ImportRun's in-memory dedupe keys stand in for them.
    private readonly InvitationInsert _insert = sql.Dialect.InvitationInsert(sql, ownerId, batchId);

    private readonly DbCommand _externalIdStored = sql.Prepare(
        """SELECT EXISTS (SELECT 1 FROM "Invitations" WHERE "OwnerId" = @owner AND "Network" = @network AND "ExternalId" = @externalId)""",
        "@owner", "@network", "@externalId");

    private readonly DbCommand _minuteStored = sql.Prepare(MinuteStoredSql, "@senderKey", "@minuteStart", "@minuteEnd", "@owner", "@network", "@minute");

    private readonly DbCommand _externalMinuteKeys = sql.Prepare(
        """SELECT "Network", "SenderKey", "SentMinute" FROM "Invitations" WHERE "OwnerId" = @owner AND "ExternalId" IS NOT NULL""",
        "@owner");

    private readonly DbCommand _dedupeKeys = sql.Prepare(
        """SELECT "Network", "ExternalId", "SenderKey", "SentMinute" FROM "Invitations" WHERE "OwnerId" = @owner""",
        "@owner");

    private readonly DbCommand _byProfile = sql.Prepare(
        $"""
        SELECT {InvitationColumns} FROM "Invitations"
        WHERE "SenderKey" = @senderKey AND "SentAt" >= @from AND "SentAt" <= @to AND "OwnerId" = @owner
        ORDER BY "Id"
        """,
        "@senderKey", "@from", "@to", "@owner");

    private readonly DbCommand _byName = sql.Prepare(
        $"""
        SELECT {InvitationColumns} FROM "Invitations"
        WHERE "OwnerId" = @owner AND "SenderNameKey" = @nameKey AND "SentAt" >= @from AND "SentAt" <= @to
        ORDER BY "Id"
        """,
        "@owner", "@nameKey", "@from", "@to");

    private readonly DbCommand _companyless = sql.Prepare(CompanylessSql(sql.Dialect), "@senderKey", "@owner");

    private readonly DbCommand _updateMerged = sql.Prepare(
        """
        UPDATE "Invitations" SET "ExternalId" = @externalId, "SenderHeadline" = @headline, "SenderProfileUrl" = @url,
            "AcceptUrl" = @acceptUrl, "Message" = @message, "MessageClass" = @class, "Company" = @company, "CompanyKey" = @companyKey,
            "SenderKey" = @senderKey, "UpdatedAt" = @updatedAt
        WHERE "Id" = @id
        """,
        "@externalId", "@headline", "@url", "@acceptUrl", "@message", "@class", "@company", "@companyKey", "@senderKey", "@updatedAt", "@id");

    private readonly DbCommand _insertMerge = sql.Prepare(
        """INSERT INTO "ImportMerges" ("ImportBatchId", "InvitationId", "Before") VALUES (@batch, @invitation, @before)""",
        "@batch", "@invitation", "@before");

    private readonly DbCommand _contactCompany = sql.Prepare(
        """
        SELECT "Company", "CompanyKey" FROM "KnownContacts"
        WHERE "OwnerId" = @owner AND "ProfileUrl" = @url AND "CompanyKey" IS NOT NULL
        ORDER BY "Id" LIMIT 1
        """,
        "@owner", "@url");

    private readonly DbCommand _contactStored = sql.Prepare(
        """SELECT EXISTS (SELECT 1 FROM "KnownContacts" WHERE "OwnerId" = @owner AND "ProfileUrl" = @url)""",
        "@owner", "@url");

    private readonly DbCommand _insertContact = sql.Prepare(
        """
        INSERT INTO "KnownContacts" ("OwnerId", "Name", "ProfileUrl", "Company", "CompanyKey", "Position", "ConnectedOn", "ImportBatchId")
        VALUES (@owner, @name, @url, @company, @companyKey, @position, @connectedOn, @batch)
        """,
        "@owner", "@name", "@url", "@company", "@companyKey", "@position", "@connectedOn", "@batch");

    private readonly DbCommand _anyContact = sql.Prepare(
        """SELECT EXISTS (SELECT 1 FROM "KnownContacts" WHERE "OwnerId" = @owner)""", "@owner");

    private readonly DbCommand _otherSource = sql.Prepare(
        """SELECT EXISTS (SELECT 1 FROM "Invitations" WHERE "OwnerId" = @owner AND "Source" <> @source)""", "@owner", "@source");

    /// <summary>
    /// Any invitation with the same minute key, with an external id or not (MinuteKeys). The unique index of minute keys
    /// holds only those without one, so the sender's index answers, with the minute as a range of its times: with only
    /// "SentMinute" to go on, SQLite (which has no statistics here) walked the member's timeline instead, every
    /// invitation of the member for each small import's row, 300 ms at a million (docs/performance.md, "A small import
    /// walked the member's timeline").
    /// </summary>
    internal const string MinuteStoredSql =
        """
        SELECT EXISTS (SELECT 1 FROM "Invitations"
            WHERE "SenderKey" = @senderKey AND "SentAt" >= @minuteStart AND "SentAt" < @minuteEnd
              AND "OwnerId" = @owner AND "Network" = @network AND "SentMinute" = @minute)
        """;

    public StoreCommands Sql => sql;

    /// <summary>
    /// The owner's invitations from one profile with no company, for each contact of an export: through the sender's
    /// index, which holds a few rows, and not the owner's companies' index, where every invitation without a company
    /// (all of an export's) sits under one key. A sender who invited many members (a campaign's) has their rows there
    /// too, read past by owner: hundreds at most, against every companyless invitation of the member.
    /// </summary>
    internal static string CompanylessSql(StoreDialect dialect) =>
        $"""
        SELECT {InvitationColumns} FROM "Invitations"
        WHERE "SenderKey" = @senderKey AND {dialect.Unindexed("\"OwnerId\"")} = @owner AND "CompanyKey" IS NULL
        ORDER BY "Id"
        """;

    /// <summary>How many new invitations the import gathers before <see cref="InsertAsync"/>.</summary>
    public int InsertBatchSize => _insert.BatchSize;

    /// <summary>Stores new invitations in order; for each, false when the store already holds one with its dedupe key.</summary>
    public Task<bool[]> InsertAsync(IReadOnlyList<Invitation> rows, CancellationToken cancellationToken) => _insert.InsertAsync(rows, cancellationToken);

    /// <summary>Whether the store holds an invitation with the dedupe key of <paramref name="i"/> (FORMATS.md).</summary>
    public Task<bool> IsStoredAsync(Invitation i, CancellationToken cancellationToken) =>
        IsOneAsync(i.ExternalId is { } externalId
            ? sql.Bind(_externalIdStored, ownerId, i.Network, externalId)
            : sql.Bind(_minuteStored, i.SenderKey, MinuteStart(i.SentMinute).AddSeconds(-1), MinuteStart(i.SentMinute + 1).AddSeconds(1), ownerId, i.Network, i.SentMinute), cancellationToken);

    /// <summary>The minute keys of the owner's stored invitations that have an external id.</summary>
    public async Task<MinuteKeys> ExternalMinuteKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new MinuteKeys();
        await using var reader = await sql.Bind(_externalMinuteKeys, ownerId).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        }

        return keys;
    }

    /// <summary>The dedupe keys of all the owner's stored invitations.</summary>
    public async Task<DedupeKeys> DedupeKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new DedupeKeys();
        await using var reader = await sql.Bind(_dedupeKeys, ownerId).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0), TextOrNull(reader, 1), reader.GetString(2), reader.GetInt64(3));
        }

        return keys;
    }

    /// <summary>Stored invitations with the same profile URL or the same name within the merge window, by id.</summary>
    public async Task<List<Invitation>> MergeCandidatesAsync(string? profileKey, string nameKey, DateTime sentAt, CancellationToken cancellationToken)
    {
        var from = sentAt - InvitationMerge.Window;
        var to = sentAt + InvitationMerge.Window;
        var found = new List<Invitation>();
        if (profileKey is not null)
        {
            found.AddRange(await ReadAsync(sql.Bind(_byProfile, profileKey, from, to, ownerId), cancellationToken));
        }

        if (nameKey.Length > 0)
        {
            found.AddRange(await ReadAsync(sql.Bind(_byName, ownerId, nameKey, from, to), cancellationToken));
        }

        return [.. found.DistinctBy(i => i.Id).OrderBy(i => i.Id)];
    }

    /// <summary>The owner's invitations from this profile that have no company yet.</summary>
    public Task<List<Invitation>> CompanylessAsync(string profileKey, CancellationToken cancellationToken) =>
        ReadAsync(sql.Bind(_companyless, profileKey, ownerId), cancellationToken);

    /// <summary>Writes what a merge may change (InvitationMerge) back to a stored invitation.</summary>
    public Task UpdateMergedAsync(Invitation i, CancellationToken cancellationToken) =>
        sql.Bind(_updateMerged, i.ExternalId, i.SenderHeadline, i.SenderProfileUrl, i.AcceptUrl, i.Message, i.MessageClass, i.Company, i.CompanyKey,
                i.SenderKey, i.UpdatedAt, i.Id)
            .ExecuteNonQueryAsync(cancellationToken);

    public Task InsertMergeAsync(long invitationId, string before, CancellationToken cancellationToken) =>
        sql.Bind(_insertMerge, batchId, invitationId, before).ExecuteNonQueryAsync(cancellationToken);

    /// <summary>The company of the owner's connection with this profile URL (Connections.csv), if any.</summary>
    public async Task<(string Company, string CompanyKey)?> ContactCompanyAsync(string profileKey, CancellationToken cancellationToken)
    {
        await using var reader = await sql.Bind(_contactCompany, ownerId, profileKey).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    public Task<bool> IsContactStoredAsync(string profileUrl, CancellationToken cancellationToken) =>
        IsOneAsync(sql.Bind(_contactStored, ownerId, profileUrl), cancellationToken);

    public Task InsertContactAsync(KnownContact c, CancellationToken cancellationToken) =>
        sql.Bind(_insertContact, ownerId, c.Name, c.ProfileUrl, c.Company, c.CompanyKey, c.Position, c.ConnectedOn, batchId)
            .ExecuteNonQueryAsync(cancellationToken);

    public Task<bool> HasContactsAsync(CancellationToken cancellationToken) => IsOneAsync(sql.Bind(_anyContact, ownerId), cancellationToken);

    /// <summary>Whether the owner has stored invitations from any source but <paramref name="source"/>: only those can be merged into.</summary>
    public Task<bool> HasOtherSourceAsync(InvitationSource source, CancellationToken cancellationToken) =>
        IsOneAsync(sql.Bind(_otherSource, ownerId, source), cancellationToken);

    /// <summary>Invitations of every member in the store.</summary>
    public async Task<long> CountAllAsync(CancellationToken cancellationToken) =>
        Convert.ToInt64(await sql.ScalarAsync("""SELECT count(*) FROM "Invitations" """, cancellationToken), CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _insert.Dispose();
        sql.Dispose();
    }

    // SentMinute counts whole minutes since the Unix epoch, rounded through a double (DraftRules.MinuteOf): a second more
    // either side keeps a time a rounding away from the minute's edge in the range, and "SentMinute" decides.
    private static DateTime MinuteStart(long minute) => DateTime.UnixEpoch.AddMinutes(minute);

    private static async Task<bool> IsOneAsync(DbCommand command, CancellationToken cancellationToken) =>
        Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 1;

    private async Task<List<Invitation>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var found = new List<Invitation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new Invitation
            {
                Id = reader.GetInt64(0),
                OwnerId = ownerId,
                ImportBatchId = LongOrNull(reader, 1),
                Source = (InvitationSource)reader.GetInt32(2),
                Network = reader.GetString(3),
                SentAt = Time(reader, 4),
                ExternalId = TextOrNull(reader, 5),
                SenderName = reader.GetString(6),
                SenderHeadline = TextOrNull(reader, 7),
                Company = TextOrNull(reader, 8),
                CompanyKey = TextOrNull(reader, 9),
                SenderProfileUrl = TextOrNull(reader, 10),
                SenderKey = reader.GetString(11),
                SenderNameKey = reader.GetString(12),
                Message = TextOrNull(reader, 13),
                MessageClass = (MessageClass)reader.GetInt32(14),
                AcceptUrl = TextOrNull(reader, 15),
            });
        }

        return found;
    }
}
