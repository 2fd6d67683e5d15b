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
    public bool Succeeded => Status == MailboxStatus.Ok;

    internal static MailboxSyncResult NotConfigured { get; } =
        new(MailboxStatus.NeverSynced, "No mailbox is set up.", 0, 0, 0, 0, new Dictionary<string, int>(), [], 0);
}
