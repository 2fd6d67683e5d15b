using System.Data.Common;
using System.Collections.Concurrent;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Mailboxes;
using InviteTriage.Core.Senders;
using InviteTriage.Data.Imports;
using InviteTriage.Data.Leases;
using InviteTriage.Ingest;
using InviteTriage.Ingest.Email;
using MailKit;
using MailKit.Search;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InviteTriage.Data.Mailboxes;

/// <summary>
/// A user's IMAP mailbox: its settings (the password encrypted with Data Protection), an incremental sync of the
/// invitation e-mails into the import service, and filing decided invitations' e-mails into folders. A server that
/// refuses the login, times out or fails otherwise is recorded on the mailbox and logged; nothing is thrown but
/// cancellation.
/// </summary>
public sealed class MailboxService(
    IDbContextFactory<TriageDbContext> dbFactory,
    ImportService imports,
    LeaseService leases,
    IDataProtectionProvider dataProtection,
    MailboxOptions options,
    TimeProvider time,
    ILogger<MailboxService> logger)
{
    /// <summary>The actor of the imports a sync makes, as history shows it.</summary>
    public const string Actor = "mailbox sync";

    // Messages are fetched and imported in chunks, and the progress saved after each, so that a first sync of a large
    // folder keeps memory flat, never holds the database for the whole download, and resumes where it stopped.
    private const int ChunkSize = 200;

    private const string PasswordPurpose = "InviteTriage.Mailboxes.Password";

    /// <summary>
    /// How long one sync holds its mailbox's lease between renewals (before each chunk). A process killed while syncing
    /// frees the mailbox within this time.
    /// </summary>
    public static readonly TimeSpan SyncLeaseLength = TimeSpan.FromMinutes(5);

    // One sync, save or filing at a time per user within this process: "Sync now" may meet the background sync.
    // Between processes over one store (several web instances, the CLI) a sync also holds its mailbox's lease.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<MailboxView?> GetAsync(string ownerId, CancellationToken cancellationToken)
    {
        var mailbox = await FindAsync(ownerId, cancellationToken);
        return mailbox is null ? null : MailboxView.From(mailbox);
    }

    /// <summary>The users who have a mailbox, for the background sync.</summary>
    public async Task<IReadOnlyList<string>> OwnersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Mailboxes.AsNoTracking().OrderBy(m => m.OwnerId).Select(m => m.OwnerId).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Stores the settings, or returns every reason they cannot be stored. A different server, account, folder or an
    /// earlier SENTSINCE day makes the next sync start over; deduplication makes reading again safe.
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveAsync(string ownerId, MailboxSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var gate = await EnterAsync(ownerId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mailbox = await db.Mailboxes.SingleOrDefaultAsync(m => m.OwnerId == ownerId, cancellationToken);
        if (PasswordNeededAgain(mailbox, settings) is { } needed)
        {
            return [needed];
        }

        var problems = settings.Problems(hasStoredPassword: mailbox is not null);
        if (problems.Count > 0)
        {
            return problems;
        }

        var endpoint = MailboxEndpoint.Of(settings);
        if (mailbox is null)
        {
            mailbox = new Mailbox { OwnerId = ownerId, Host = endpoint.Host, UserName = endpoint.UserName, ProtectedPassword = "" };
            db.Mailboxes.Add(mailbox);
        }
        else if (StartsOver(mailbox, endpoint, settings))
        {
            mailbox.UidValidity = null;
            mailbox.LastUid = 0;
        }

        mailbox.Host = endpoint.Host;
        mailbox.Port = endpoint.Port;
        mailbox.TlsMode = endpoint.TlsMode;
        mailbox.UserName = endpoint.UserName;
        mailbox.Folder = settings.Folder.Trim();
        mailbox.SentSince = settings.SentSince?.Date;
        mailbox.FileDecisions = settings.FileDecisions;
        mailbox.AcceptedFolder = settings.AcceptedFolder.Trim();
        mailbox.ArchivedFolder = settings.ArchivedFolder.Trim();
        mailbox.NotKnownFolder = settings.NotKnownFolder.Trim();
        if (!string.IsNullOrEmpty(settings.Password))
        {
            mailbox.ProtectedPassword = Protector(ownerId).Protect(settings.Password);
        }

        mailbox.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>
    /// The stored password is only ever sent to the server and account it was saved for. Otherwise anyone holding a
    /// session could point the mailbox at their own server, press "Test connection", and collect the password.
    /// </summary>
    private static string? PasswordNeededAgain(Mailbox? stored, MailboxSettings settings) =>
        stored is not null && string.IsNullOrEmpty(settings.Password)
            && (!string.Equals(stored.Host, settings.Host?.Trim(), StringComparison.OrdinalIgnoreCase)
                || stored.Port != settings.Port
                || stored.TlsMode != settings.TlsMode
                || !string.Equals(stored.UserName, settings.UserName?.Trim(), StringComparison.Ordinal))
            ? "Password: enter it again. The stored password is only sent to the server and account it was saved for."
            : null;

    public async Task DeleteAsync(string ownerId, CancellationToken cancellationToken)
    {
        using var gate = await EnterAsync(ownerId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.MailboxMessages.Where(m => m.OwnerId == ownerId).ExecuteDeleteAsync(cancellationToken);
        await db.Mailboxes.Where(m => m.OwnerId == ownerId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Connects, logs in and opens the folder with the settings as entered (the stored password when none is
    /// entered), and says how that went. Nothing is stored.
    /// </summary>
    public async Task<MailboxCheck> TestConnectionAsync(string ownerId, MailboxSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stored = await FindAsync(ownerId, cancellationToken);
        if (PasswordNeededAgain(stored, settings) is { } needed)
        {
            return new MailboxCheck(MailboxStatus.Failed, needed);
        }

        var problems = settings.Problems(hasStoredPassword: stored is not null);
        if (problems.Count > 0)
        {
            return new MailboxCheck(MailboxStatus.Failed, string.Join(" ", problems));
        }

        var endpoint = MailboxEndpoint.Of(settings);
        try
        {
            var password = string.IsNullOrEmpty(settings.Password) ? Protector(ownerId).Unprotect(stored!.ProtectedPassword) : settings.Password;
            await using var session = await ImapSession.OpenAsync(endpoint, password, options.Timeout, cancellationToken);
            var folder = await MailboxFolders.GetAsync(session.Client, settings.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            return new MailboxCheck(MailboxStatus.Ok,
                $"Connected to {endpoint.Host} as {endpoint.UserName}; {folder.FullName} holds {folder.Count} message(s).");
        }
        catch (Exception ex) when (!IsCancellation(ex, cancellationToken))
        {
            var failure = Describe(ex, endpoint, ownerId, "connection test");
            return new MailboxCheck(failure.Status, failure.Message);
        }
    }

    /// <summary>The lease a sync of this user's mailbox holds, whichever instance and whoever asked ("Sync now" or the background).</summary>
    public static string SyncLeaseName(string ownerId) => $"mailbox-sync:{ownerId}";

    /// <summary>
    /// Reads the invitation e-mails that arrived since the last sync and imports them. Incremental by UIDVALIDITY and
    /// UID: the same UIDVALIDITY asks only for UIDs above the last one read; a new one starts over. While another
    /// instance over the same store syncs this mailbox, nothing is read, and the result says so
    /// (<see cref="MailboxSyncResult.SyncingElsewhere"/>).
    /// </summary>
    public async Task<MailboxSyncResult> SyncAsync(string ownerId, CancellationToken cancellationToken)
    {
        using var gate = await EnterAsync(ownerId, cancellationToken);
        var mailbox = await FindAsync(ownerId, cancellationToken);
        if (mailbox is null)
        {
            return MailboxSyncResult.NotConfigured;
        }

        // The background sync's own lease only chooses which instance runs the rounds; this one keeps a "Sync now" on
        // one instance from reading the same mailbox as a round, or another "Sync now", on another.
        var lease = SyncLeaseName(ownerId);
        var holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        if (!await leases.TryTakeAsync(lease, holder, SyncLeaseLength, cancellationToken))
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("The mailbox of {Owner} is being synced by another instance; this sync read nothing", ownerId);
            }

            return MailboxSyncResult.HeldElsewhere(mailbox.LastStatus, new SyncTally());
        }

        try
        {
            return await SyncHoldingLeaseAsync(ownerId, mailbox, lease, holder, cancellationToken);
        }
        finally
        {
            // A store too busy to release it must not turn the sync's own result into an error; the lease then lapses
            // by itself within its five minutes.
            try
            {
                await leases.ReleaseAsync(lease, holder, CancellationToken.None);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Could not release the mailbox lease {Lease}; it lapses by itself", lease);
            }
        }
    }

    private async Task<MailboxSyncResult> SyncHoldingLeaseAsync(
        string ownerId, Mailbox mailbox, string lease, string holder, CancellationToken cancellationToken)
    {
        var endpoint = MailboxEndpoint.Of(mailbox);
        var tally = new SyncTally();
        try
        {
            var password = Protector(ownerId).Unprotect(mailbox.ProtectedPassword);
            await using var session = await ImapSession.OpenAsync(endpoint, password, options.Timeout, cancellationToken);
            var folder = await MailboxFolders.GetAsync(session.Client, mailbox.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            var validity = folder.UidValidity;
            var lastUid = mailbox.UidValidity == validity ? mailbox.LastUid : 0;
            if (mailbox.UidValidity is { } previous && previous != validity && logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("UIDVALIDITY of {Folder} for {Owner} changed from {Previous} to {Current}; reading the folder again",
                    mailbox.Folder, ownerId, previous, validity);
            }

            var uids = await NewUidsAsync(folder, validity, lastUid, mailbox.SentSince, cancellationToken);
            var source = $"imap://{endpoint.Host}/{mailbox.Folder}";
            foreach (var chunk in uids.Chunk(ChunkSize))
            {
                // Renewed before each chunk. Lost (a pause longer than the lease), another instance may be reading the
                // mailbox now; this one stops, and what it saved so far stays, since progress is saved per chunk.
                if (!await leases.TryTakeAsync(lease, holder, SyncLeaseLength, cancellationToken))
                {
                    return MailboxSyncResult.HeldElsewhere(mailbox.LastStatus, tally);
                }

                var messages = new List<ImapMessageItem>(chunk.Length);
                foreach (var uid in chunk)
                {
                    using var message = await folder.GetMessageAsync(uid, cancellationToken);
                    var origin = IngestOrigin.Message(source, (int)Math.Min(uid.Id, int.MaxValue));
                    messages.Add(new ImapMessageItem(uid.Id, message.MessageId, LinkedInEmailReader.Read(message, origin)));
                }

                tally.Read(messages);
                await ImportAsync(ownerId, mailbox.Folder, validity, source, messages, tally, cancellationToken);
                await SaveProgressAsync(ownerId, validity, chunk[^1].Id, cancellationToken);
            }

            // Mail the search passed over (not from LinkedIn, or sent before SentSince) need not be searched again;
            // anything that arrives after the folder was opened gets a UID of at least UIDNEXT.
            var highest = Math.Max(Math.Max(lastUid, uids.Count > 0 ? uids[^1].Id : 0), folder.UidNext is { } next ? next.Id - 1L : 0);
            await SaveProgressAsync(ownerId, validity, highest, cancellationToken);
            await SaveStatusAsync(ownerId, MailboxStatus.Ok, null, cancellationToken);
            var result = tally.Result(MailboxStatus.Ok, null);
            // Most background rounds find nothing new; those are not worth a line at the default level.
            var level = result.Read > 0 ? LogLevel.Information : LogLevel.Debug;
            if (logger.IsEnabled(level))
            {
                logger.Log(level, "Synced the mailbox of {Owner}: {Read} new e-mail(s), {Added} invitation(s) added",
                    ownerId, result.Read, result.Added);
            }

            return result;
        }
        catch (Exception ex) when (!IsCancellation(ex, cancellationToken))
        {
            var failure = Describe(ex, endpoint, ownerId, "sync");
            await SaveStatusAsync(ownerId, failure.Status, failure.Message, cancellationToken);
            return tally.Result(failure.Status, failure.Message);
        }
    }

    /// <summary>
    /// When the user has filing on, moves the e-mails of these invitations into the folder of the decision (creating
    /// it when missing); a decision back to pending moves them back to the folder that is read. Waits for a running
    /// sync of the same user.
    /// </summary>
    public async Task<MailboxFilingResult> FileDecisionsAsync(
        string ownerId, IReadOnlyCollection<long> invitationIds, InvitationStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitationIds);
        if (invitationIds.Count == 0)
        {
            return MailboxFilingResult.Nothing;
        }

        using var gate = await EnterAsync(ownerId, cancellationToken);
        var mailbox = await FindAsync(ownerId, cancellationToken);
        if (mailbox is not { FileDecisions: true })
        {
            return MailboxFilingResult.Nothing;
        }

        var target = status switch
        {
            InvitationStatus.Accepted => mailbox.AcceptedFolder,
            InvitationStatus.Archived => mailbox.ArchivedFolder,
            InvitationStatus.NotKnown => mailbox.NotKnownFolder,
            _ => mailbox.Folder,
        };
        var ids = invitationIds.Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = (await db.MailboxMessages.Where(m => m.OwnerId == ownerId && ids.Contains(m.InvitationId)).ToListAsync(cancellationToken))
            .Where(m => !MailboxFolders.SamePath(m.Folder, target))
            .ToList();
        if (rows.Count == 0)
        {
            return MailboxFilingResult.Nothing;
        }

        var endpoint = MailboxEndpoint.Of(mailbox);
        var moved = 0;
        var missing = 0;
        try
        {
            var password = Protector(ownerId).Unprotect(mailbox.ProtectedPassword);
            await using var session = await ImapSession.OpenAsync(endpoint, password, options.Timeout, cancellationToken);
            var destination = await MailboxFolders.GetOrCreateAsync(session.Client, target, cancellationToken);
            var unmapped = new List<MailboxMessage>();
            foreach (var group in rows.GroupBy(r => r.Folder, StringComparer.OrdinalIgnoreCase))
            {
                IMailFolder source;
                try
                {
                    source = await MailboxFolders.GetAsync(session.Client, group.Key, cancellationToken);
                }
                catch (FolderNotFoundException)
                {
                    missing += group.Count();
                    continue;
                }

                await source.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
                var located = await LocateAsync(source, [.. group], cancellationToken);
                missing += group.Count() - located.Count;
                if (located.Count == 0)
                {
                    continue;
                }

                var map = await source.MoveToAsync([.. located.Keys], destination, cancellationToken);
                foreach (var (uid, row) in located)
                {
                    row.Folder = target;
                    if (map.TryGetValue(uid, out var newUid))
                    {
                        row.UidValidity = newUid.Validity;
                        row.Uid = newUid.Id;
                    }
                    else
                    {
                        unmapped.Add(row);
                    }
                }

                // Saved per folder: should a later folder fail, what has moved is not forgotten.
                moved += located.Count;
                await db.SaveChangesAsync(cancellationToken);
            }

            // Servers without UIDPLUS do not say where a moved message went; its Message-ID finds it.
            if (unmapped.Count > 0)
            {
                await RelocateAsync(db, destination, unmapped, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Filed {Moved} e-mail(s) of {Owner} into {Folder}; {Missing} were no longer where they were seen",
                    moved, ownerId, target, missing);
            }

            return new MailboxFilingResult(moved, missing, null);
        }
        catch (Exception ex) when (!IsCancellation(ex, cancellationToken))
        {
            var failure = Describe(ex, endpoint, ownerId, "filing");
            return new MailboxFilingResult(moved, missing, failure.Message);
        }
    }

    private static async Task<IReadOnlyList<UniqueId>> NewUidsAsync(
        IMailFolder folder, uint validity, long lastUid, DateTime? sentSince, CancellationToken cancellationToken)
    {
        // Only LinkedIn's mail is fetched; the reader would skip the rest anyway, so the user's other mail stays put.
        SearchQuery query = SearchQuery.FromContains("linkedin.com");
        if (lastUid > 0)
        {
            query = query.And(SearchQuery.Uids(new UniqueIdRange(validity, (uint)lastUid + 1, uint.MaxValue)));
        }

        if (sentSince is { } since)
        {
            // SENTSINCE compares the Date header, the day the invitation was sent. SINCE would compare the day the
            // message reached this folder, which moves when mail is copied, migrated or restored.
            query = query.And(SearchQuery.SentSince(since));
        }

        var found = await folder.SearchAsync(query, cancellationToken);
        // "UID n:*" always matches the highest UID even when it is not above n, so the bound is checked here too.
        return [.. found.Where(uid => uid.Id > lastUid).OrderBy(uid => uid.Id)];
    }

    /// <summary>Imports a chunk's drafts and records where each invitation's e-mail (and its reminders) lies.</summary>
    private async Task ImportAsync(
        string ownerId, string folder, uint validity, string source, List<ImapMessageItem> messages, SyncTally tally, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var uids = messages.Select(m => (long)m.Uid).ToList();
        var recorded = (await db.MailboxMessages
                .Where(m => m.OwnerId == ownerId && m.Folder == folder && m.UidValidity == validity && uids.Contains(m.Uid))
                .Select(m => m.Uid)
                .ToListAsync(cancellationToken))
            .ToHashSet();

        // An e-mail already recorded here was moved back by a decision to pending: its invitation is stored.
        var fresh = messages.Where(m => !recorded.Contains(m.Uid)).ToList();
        var toImport = fresh.Where(m => m.Item is IngestDraft or IngestRejection).ToList();
        tally.AlreadyRecorded(messages.Count(m => recorded.Contains(m.Uid) && m.Item is IngestDraft));
        if (toImport.Count > 0)
        {
            var summary = await imports.ImportAsync(ownerId, Actor, "imap",
                [new ImportSource(source, _ => toImport.Select(m => m.Item).ToAsyncEnumerable())], null, cancellationToken);
            if (summary.Failed)
            {
                throw new InvalidOperationException($"The import refused the e-mails: {summary.Error}");
            }

            tally.Imported(summary);
        }

        var located = await InvitationIdsAsync(db, ownerId, fresh, cancellationToken);
        db.MailboxMessages.AddRange(located.Select(l => new MailboxMessage
        {
            OwnerId = ownerId,
            InvitationId = l.InvitationId,
            Folder = folder,
            UidValidity = validity,
            Uid = l.Message.Uid,
            MessageId = l.Message.MessageId,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The stored invitation of each invitation e-mail and reminder: by the invitation id, or else (an accept link
    /// without one) by the sender's name within 15 minutes, as sources are merged. Whether the import added it just
    /// now or found it stored already, from an export or an .eml file, does not matter.
    /// </summary>
    private static async Task<List<(ImapMessageItem Message, long InvitationId)>> InvitationIdsAsync(
        TriageDbContext db, string ownerId, List<ImapMessageItem> messages, CancellationToken cancellationToken)
    {
        var located = new List<(ImapMessageItem, long)>();
        var externalIds = messages
            .Select(m => m.Item switch
            {
                IngestDraft { Draft.ExternalId: { } id } => id.Trim(),
                IngestSkip { Kind: SkipKind.Reminder, ExternalId: { } id } => id.Trim(),
                _ => null,
            })
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var byExternalId = externalIds.Count == 0
            ? []
            : await db.Invitations.AsNoTracking()
                .Where(i => i.OwnerId == ownerId && i.Network == Networks.LinkedIn && i.ExternalId != null && externalIds.Contains(i.ExternalId))
                .ToDictionaryAsync(i => i.ExternalId!, i => i.Id, StringComparer.Ordinal, cancellationToken);

        foreach (var message in messages)
        {
            switch (message.Item)
            {
                case IngestDraft { Draft: var draft }:
                    if (draft.ExternalId is { } externalId && byExternalId.TryGetValue(externalId.Trim(), out var invitationId))
                    {
                        located.Add((message, invitationId));
                    }
                    else if (await ByNameAndTimeAsync(db, ownerId, draft, cancellationToken) is { } matched)
                    {
                        located.Add((message, matched));
                    }

                    break;
                case IngestSkip { Kind: SkipKind.Reminder, ExternalId: { } reminded } when byExternalId.TryGetValue(reminded.Trim(), out var remindedId):
                    located.Add((message, remindedId));
                    break;
            }
        }

        return located;
    }

    private static async Task<long?> ByNameAndTimeAsync(TriageDbContext db, string ownerId, InvitationDraft draft, CancellationToken cancellationToken)
    {
        var nameKey = PersonName.Normalize(draft.SenderName);
        var from = draft.SentAt.AddMinutes(-15);
        var to = draft.SentAt.AddMinutes(15);
        var candidates = await db.Invitations.AsNoTracking()
            .Where(i => i.OwnerId == ownerId && i.SenderNameKey == nameKey && i.SentAt >= from && i.SentAt <= to)
            .Select(i => new { i.Id, i.SentAt })
            .ToListAsync(cancellationToken);
        return candidates.OrderBy(c => Math.Abs((c.SentAt - draft.SentAt).Ticks)).Select(c => (long?)c.Id).FirstOrDefault();
    }

    /// <summary>The recorded e-mails still in this folder: by UID while UIDVALIDITY holds, else by Message-ID.</summary>
    private static async Task<Dictionary<UniqueId, MailboxMessage>> LocateAsync(
        IMailFolder folder, List<MailboxMessage> rows, CancellationToken cancellationToken)
    {
        var located = new Dictionary<UniqueId, MailboxMessage>();
        var byUid = rows.Where(r => r.UidValidity == folder.UidValidity && r.Uid > 0).ToDictionary(r => (uint)r.Uid);
        if (byUid.Count > 0)
        {
            var present = await folder.SearchAsync(SearchQuery.Uids([.. byUid.Keys.Select(uid => new UniqueId(folder.UidValidity, uid))]), cancellationToken);
            foreach (var uid in present)
            {
                if (byUid.TryGetValue(uid.Id, out var row))
                {
                    located[uid] = row;
                }
            }
        }

        foreach (var row in rows.Where(r => !located.ContainsValue(r) && r.MessageId is not null))
        {
            var hits = await folder.SearchAsync(SearchQuery.HeaderContains("Message-ID", row.MessageId!), cancellationToken);
            if (hits.Count > 0 && !located.ContainsKey(hits[0]))
            {
                located[hits[0]] = row;
            }
        }

        return located;
    }

    private static async Task RelocateAsync(TriageDbContext db, IMailFolder destination, List<MailboxMessage> rows, CancellationToken cancellationToken)
    {
        await destination.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        foreach (var row in rows)
        {
            var hits = row.MessageId is null
                ? []
                : await destination.SearchAsync(SearchQuery.HeaderContains("Message-ID", row.MessageId), cancellationToken);
            if (hits.Count > 0)
            {
                row.UidValidity = destination.UidValidity;
                row.Uid = hits[^1].Id;
            }
            else
            {
                // Moved, but not to be found again: forget it rather than keep a UID that names nothing.
                db.MailboxMessages.Remove(row);
            }
        }
    }

    private async Task SaveProgressAsync(string ownerId, uint validity, long lastUid, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Mailboxes.Where(m => m.OwnerId == ownerId).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.UidValidity, (long)validity)
            .SetProperty(m => m.LastUid, lastUid), cancellationToken);
    }

    private async Task SaveStatusAsync(string ownerId, MailboxStatus status, string? error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Mailboxes.Where(m => m.OwnerId == ownerId).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.LastSyncAt, now)
            .SetProperty(m => m.LastStatus, status)
            .SetProperty(m => m.LastError, error), cancellationToken);
    }

    /// <summary>The failure as the user should read it, logged once: a warning for the server's problems, an error for ours.</summary>
    private MailboxFailure Describe(Exception exception, MailboxEndpoint endpoint, string ownerId, string work)
    {
        if (MailboxFailure.From(exception, endpoint, options.Timeout) is { } failure)
        {
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("Mailbox {Work} for {Owner} at {Host}:{Port} failed ({Status}): {Reason}",
                    work, ownerId, endpoint.Host, endpoint.Port, failure.Status, failure.Message);
            }

            return failure;
        }

        logger.LogError(exception, "Mailbox {Work} for {Owner} at {Host}:{Port} failed unexpectedly", work, ownerId, endpoint.Host, endpoint.Port);
        return new MailboxFailure(MailboxStatus.Failed, $"The mailbox {work} failed unexpectedly: {exception.Message}");
    }

    private async Task<Mailbox?> FindAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.OwnerId == ownerId, cancellationToken);
    }

    // The owner is part of the purpose, so a protected password copied onto another user's row does not decrypt.
    private IDataProtector Protector(string ownerId) => dataProtection.CreateProtector(PasswordPurpose, ownerId);

    private static bool StartsOver(Mailbox mailbox, MailboxEndpoint endpoint, MailboxSettings settings) =>
        !string.Equals(mailbox.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase)
        || !string.Equals(mailbox.UserName, endpoint.UserName, StringComparison.Ordinal)
        || !MailboxFolders.SamePath(mailbox.Folder, settings.Folder)
        || (mailbox.SentSince is { } before && (settings.SentSince is not { } after || after.Date < before));

    private static bool IsCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private async Task<Gate> EnterAsync(string ownerId, CancellationToken cancellationToken)
    {
        var semaphore = _gates.GetOrAdd(ownerId, _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(cancellationToken);
        return new Gate(semaphore);
    }

    private readonly struct Gate(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
