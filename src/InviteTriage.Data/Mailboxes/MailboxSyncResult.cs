using InviteTriage.Core.Mailboxes;
using InviteTriage.Data.Imports;

namespace InviteTriage.Data.Mailboxes;

/// <summary>What one sync did: the messages read and what the import made of them, or why it stopped.</summary>
public sealed record MailboxSyncResult(
    MailboxStatus Status,
    string? Error,
    int Read,
    int Added,
    int Merged,
    int Duplicates,
    IReadOnlyDictionary<string, int> Skipped,
    IReadOnlyList<ImportRejection> Rejected,
    int RejectedCount)
{
    /// <summary>
    /// Another instance over the same store was syncing this mailbox (it held the mailbox's lease), so this one read
    /// nothing more; <see cref="Status"/> is the mailbox's last status.
    /// </summary>
    public bool SyncingElsewhere { get; init; }

    public bool Succeeded => Status == MailboxStatus.Ok && !SyncingElsewhere;

    internal static MailboxSyncResult HeldElsewhere(MailboxStatus lastStatus, SyncTally tally) =>
        tally.Result(lastStatus,
            "Another instance of InviteTriage is reading this mailbox right now; what it finds appears in your inbox when it is done. Try again in a minute.")
        with { SyncingElsewhere = true };

    internal static MailboxSyncResult NotConfigured { get; } =
        new(MailboxStatus.NeverSynced, "No mailbox is set up.", 0, 0, 0, 0, new Dictionary<string, int>(), [], 0);
}
