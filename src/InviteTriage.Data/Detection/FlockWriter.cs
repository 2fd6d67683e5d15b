using System.Text.Json;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Flocks;
using InviteTriage.Core.History;
using InviteTriage.Data.Database;
using System.Data.Common;

namespace InviteTriage.Data.Detection;

/// <summary>
/// Writes what <see cref="FlockReconciler"/> decided with prepared statements in the caller's transaction: flocks,
/// memberships, the invitations' current flock, and history. A rebuild of a million invitations writes tens of
/// thousands of these rows; through the change tracker that took most of the rebuild's time. On PostgreSQL the rows
/// of one kind that come together go as arrays, a statement for many (<see cref="StoreDialect.WritesRowsAsArrays"/>):
/// a save's memberships, invitations' flock and history's changes, and a stretch's candidates. One a row, each a round
/// trip and a plan, they were most of a rebuild there (docs/performance.md, "Scale on PostgreSQL, 1M").
/// </summary>
internal sealed class FlockWriter(StoreCommands sql, string ownerId) : IDisposable
{
    // Rows of one array statement: a chunk's arrays are built in memory and sent in one message.
    private const int ArrayRows = 10_000;

    private const string FlockColumns =
        "\"CompanyKey\", \"Company\", \"Score\", \"Severity\", \"Status\", \"FirstSentAt\", \"LastSentAt\", \"SenderCount\", \"PValue\", \"Reasons\", \"UpdatedAt\"";

    private readonly DbCommand _insertFlock = sql.Prepare(
        $"""
        INSERT INTO "Flocks" ("OwnerId", "DetectedAt", {FlockColumns})
        VALUES (@owner, @detectedAt, @companyKey, @company, @score, @severity, @status, @first, @last, @senders, @p, {sql.Dialect.Json("@reasons")}, @updatedAt)
        RETURNING "Id"
        """,
        "@owner", "@detectedAt", "@companyKey", "@company", "@score", "@severity", "@status", "@first", "@last", "@senders", "@p", "@reasons", "@updatedAt");

    private readonly DbCommand _updateFlock = sql.Prepare(
        $"""
        UPDATE "Flocks" SET "CompanyKey" = @companyKey, "Company" = @company, "Score" = @score, "Severity" = @severity, "Status" = @status,
            "FirstSentAt" = @first, "LastSentAt" = @last, "SenderCount" = @senders, "PValue" = @p, "Reasons" = {sql.Dialect.Json("@reasons")},
            "UpdatedAt" = @updatedAt
        WHERE "Id" = @id AND "OwnerId" = @owner
        """,
        "@companyKey", "@company", "@score", "@severity", "@status", "@first", "@last", "@senders", "@p", "@reasons", "@updatedAt", "@id", "@owner");

    // Memberships go with the flock (cascade), and its invitations' current flock is cleared (set null).
    private readonly DbCommand _deleteFlock = sql.Prepare(
        """DELETE FROM "Flocks" WHERE "Id" = @id AND "OwnerId" = @owner""", "@id", "@owner");

    private readonly DbCommand _insertMember = sql.Prepare(
        """INSERT INTO "FlockMembers" ("FlockId", "InvitationId", "JoinedAt") VALUES (@flock, @invitation, @joinedAt)""",
        "@flock", "@invitation", "@joinedAt");

    private readonly DbCommand _deleteMember = sql.Prepare(
        """DELETE FROM "FlockMembers" WHERE "FlockId" = @flock AND "InvitationId" = @invitation""", "@flock", "@invitation");

    private readonly DbCommand _assign = sql.Prepare(
        """UPDATE "Invitations" SET "FlockId" = @flock WHERE "Id" = @id AND "OwnerId" = @owner""", "@flock", "@id", "@owner");

    private readonly DbCommand _leave = sql.Prepare(
        """UPDATE "Invitations" SET "FlockId" = NULL WHERE "Id" = @id AND "OwnerId" = @owner AND "FlockId" = @left""", "@id", "@owner", "@left");

    private readonly DbCommand _insertEvent = sql.Prepare(
        """
        INSERT INTO "FlagEvents" ("OwnerId", "Kind", "Actor", "OccurredAt", "FlockId", "Summary")
        VALUES (@owner, @kind, @actor, @occurredAt, @flock, @summary)
        RETURNING "Id"
        """,
        "@owner", "@kind", "@actor", "@occurredAt", "@flock", "@summary");

    private readonly DbCommand _insertChange = sql.Prepare(
        """INSERT INTO "FlagEventChanges" ("FlagEventId", "InvitationId", "Before", "After") VALUES (@event, @invitation, @before, @after)""",
        "@event", "@invitation", "@before", "@after");

    // A stretch of one company's timeline is detected whole, so its candidates are replaced whole. @firstFrom, a
    // span before @from, bounds the index range: no candidate that starts earlier reaches @from.
    private readonly DbCommand _deleteCandidates = sql.Prepare(
        """
        DELETE FROM "FlockCandidates"
        WHERE "OwnerId" = @owner AND "CompanyKey" = @companyKey AND "FirstSentAt" >= @firstFrom AND "FirstSentAt" <= @to AND "LastSentAt" >= @from
        """,
        "@owner", "@companyKey", "@firstFrom", "@from", "@to");

    private readonly DbCommand _insertCandidate = sql.Prepare(
        """
        INSERT INTO "FlockCandidates" ("OwnerId", "CompanyKey", "FirstSentAt", "LastSentAt", "SenderCount", "Baseline")
        VALUES (@owner, @companyKey, @first, @last, @senders, @baseline)
        """,
        "@owner", "@companyKey", "@first", "@last", "@senders", "@baseline");

    // The same rows as arrays, PostgreSQL only; made on first use.
    private DbCommand? _insertMembers;
    private DbCommand? _assignAll;
    private DbCommand? _insertChanges;
    private DbCommand? _insertCandidates;

    /// <summary>Inserts the flock and gives its members its id; they are written by <see cref="InsertMembersAsync"/>.</summary>
    public async Task InsertAsync(Flock flock, CancellationToken cancellationToken)
    {
        flock.Id = (long)(await sql.Bind(_insertFlock, ownerId, flock.DetectedAt, flock.CompanyKey, flock.Company, flock.Score, flock.Severity,
                flock.Status, flock.FirstSentAt, flock.LastSentAt, flock.SenderCount, flock.PValue, ReasonsJson(flock.Reasons), flock.UpdatedAt)
            .ExecuteScalarAsync(cancellationToken))!;
        foreach (var member in flock.Members)
        {
            member.FlockId = flock.Id;
        }
    }

    /// <summary>Memberships, each of the flock its <see cref="FlockMember.FlockId"/> names.</summary>
    public async Task InsertMembersAsync(IReadOnlyList<FlockMember> members, CancellationToken cancellationToken)
    {
        if (!sql.Dialect.WritesRowsAsArrays)
        {
            foreach (var member in members)
            {
                await sql.Bind(_insertMember, member.FlockId, member.InvitationId, member.JoinedAt).ExecuteNonQueryAsync(cancellationToken);
            }

            return;
        }

        _insertMembers ??= sql.Prepare(
            """INSERT INTO "FlockMembers" ("FlockId", "InvitationId", "JoinedAt") SELECT * FROM unnest(@flocks, @invitations, @joinedAt)""",
            "@flocks", "@invitations", "@joinedAt");
        foreach (var chunk in members.Chunk(ArrayRows))
        {
            await sql.Bind(_insertMembers, chunk.Select(m => m.FlockId).ToArray(), chunk.Select(m => m.InvitationId).ToArray(), chunk.Select(m => Utc(m.JoinedAt)).ToArray())
                .ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public Task UpdateAsync(Flock flock, CancellationToken cancellationToken) =>
        sql.Bind(_updateFlock, flock.CompanyKey, flock.Company, flock.Score, flock.Severity, flock.Status, flock.FirstSentAt, flock.LastSentAt,
                flock.SenderCount, flock.PValue, ReasonsJson(flock.Reasons), flock.UpdatedAt, flock.Id, ownerId)
            .ExecuteNonQueryAsync(cancellationToken);

    public Task DeleteAsync(long flockId, CancellationToken cancellationToken) =>
        sql.Bind(_deleteFlock, flockId, ownerId).ExecuteNonQueryAsync(cancellationToken);

    public Task DeleteMemberAsync(long flockId, long invitationId, CancellationToken cancellationToken) =>
        sql.Bind(_deleteMember, flockId, invitationId).ExecuteNonQueryAsync(cancellationToken);

    /// <summary>Points each invitation at its flock now, or at none.</summary>
    public async Task AssignAsync(IReadOnlyList<(long InvitationId, long? FlockId)> assignments, CancellationToken cancellationToken)
    {
        if (!sql.Dialect.WritesRowsAsArrays)
        {
            foreach (var (invitationId, flockId) in assignments)
            {
                await sql.Bind(_assign, flockId, invitationId, ownerId).ExecuteNonQueryAsync(cancellationToken);
            }

            return;
        }

        _assignAll ??= sql.Prepare(
            """
            UPDATE "Invitations" AS i SET "FlockId" = v."FlockId"
            FROM unnest(@ids, @flocks) AS v("Id", "FlockId")
            WHERE i."Id" = v."Id" AND i."OwnerId" = @owner
            """,
            "@ids", "@flocks", "@owner");
        foreach (var chunk in assignments.Chunk(ArrayRows))
        {
            await sql.Bind(_assignAll, chunk.Select(a => a.InvitationId).ToArray(), chunk.Select(a => a.FlockId).ToArray(), ownerId)
                .ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Takes the invitation out of the flock it leaves, unless it points at another flock by now.</summary>
    public Task LeaveAsync(long invitationId, long leftFlockId, CancellationToken cancellationToken) =>
        sql.Bind(_leave, invitationId, ownerId, leftFlockId).ExecuteNonQueryAsync(cancellationToken);

    public Task DeleteCandidatesAsync(string companyKey, DateTime from, DateTime to, TimeSpan span, CancellationToken cancellationToken) =>
        sql.Bind(_deleteCandidates, ownerId, companyKey, from - DateTime.MinValue < span ? DateTime.MinValue : from - span, from, to)
            .ExecuteNonQueryAsync(cancellationToken);

    public async Task InsertCandidatesAsync(IReadOnlyList<DetectedCandidate> candidates, CancellationToken cancellationToken)
    {
        if (!sql.Dialect.WritesRowsAsArrays)
        {
            foreach (var candidate in candidates)
            {
                await sql.Bind(_insertCandidate, ownerId, candidate.CompanyKey, candidate.FirstSentAt, candidate.LastSentAt, candidate.SenderCount, candidate.Baseline)
                    .ExecuteNonQueryAsync(cancellationToken);
            }

            return;
        }

        _insertCandidates ??= sql.Prepare(
            """
            INSERT INTO "FlockCandidates" ("OwnerId", "CompanyKey", "FirstSentAt", "LastSentAt", "SenderCount", "Baseline")
            SELECT @owner, * FROM unnest(@companyKeys, @first, @last, @senders, @baselines)
            """,
            "@owner", "@companyKeys", "@first", "@last", "@senders", "@baselines");
        foreach (var chunk in candidates.Chunk(ArrayRows))
        {
            await sql.Bind(_insertCandidates, ownerId, chunk.Select(c => c.CompanyKey).ToArray(), chunk.Select(c => Utc(c.FirstSentAt)).ToArray(),
                    chunk.Select(c => Utc(c.LastSentAt)).ToArray(), chunk.Select(c => c.SenderCount).ToArray(), chunk.Select(c => c.Baseline).ToArray())
                .ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The events, each a statement for its id, then all of their changes together.</summary>
    public async Task InsertEventsAsync(IReadOnlyList<FlagEvent> flagEvents, CancellationToken cancellationToken)
    {
        foreach (var flagEvent in flagEvents)
        {
            flagEvent.Id = (long)(await sql.Bind(_insertEvent, ownerId, flagEvent.Kind, flagEvent.Actor, flagEvent.OccurredAt, flagEvent.FlockId, flagEvent.Summary)
                .ExecuteScalarAsync(cancellationToken))!;
            foreach (var change in flagEvent.Changes)
            {
                change.FlagEventId = flagEvent.Id;
            }
        }

        var changes = flagEvents.SelectMany(e => e.Changes).ToList();
        if (!sql.Dialect.WritesRowsAsArrays)
        {
            foreach (var change in changes)
            {
                await sql.Bind(_insertChange, change.FlagEventId, change.InvitationId, change.Before, change.After).ExecuteNonQueryAsync(cancellationToken);
            }

            return;
        }

        _insertChanges ??= sql.Prepare(
            """
            INSERT INTO "FlagEventChanges" ("FlagEventId", "InvitationId", "Before", "After")
            SELECT * FROM unnest(@events, @invitations, @before, @after)
            """,
            "@events", "@invitations", "@before", "@after");
        foreach (var chunk in changes.Chunk(ArrayRows))
        {
            await sql.Bind(_insertChanges, chunk.Select(c => c.FlagEventId).ToArray(), chunk.Select(c => c.InvitationId).ToArray(), chunk.Select(c => c.Before).ToArray(),
                    chunk.Select(c => c.After).ToArray())
                .ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // The dialect's form of a time, which PostgreSQL takes as UTC; an array is bound as it is.
    private DateTime Utc(DateTime time) => (DateTime)sql.Dialect.Value(time);

    public void Dispose() => sql.Dispose();

    // The JSON EF Core writes for the Reasons complex collection (FlockEntityTypeConfiguration), so that EF Core reads it back.
    internal static string ReasonsJson(IEnumerable<FlagReason> reasons) =>
        JsonSerializer.Serialize(reasons.Select(r => new StoredReason(r.Detail, r.Rule, r.Score)));

    private sealed record StoredReason(string Detail, string Rule, double Score);
}
