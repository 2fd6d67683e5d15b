using InviteTriage.Core.Mailboxes;

namespace InviteTriage.Data.Mailboxes;

/// <summary>A mailbox as the settings page shows it: everything but the password.</summary>
public sealed record MailboxView(
    string Host,
    int Port,
    MailboxTlsMode TlsMode,
    string UserName,
    string Folder,
    DateTime? SentSince,
    bool FileDecisions,
    string AcceptedFolder,
    string ArchivedFolder,
    string NotKnownFolder,
    DateTime? LastSyncAt,
    MailboxStatus LastStatus,
    string? LastError)
{
    internal static MailboxView From(Mailbox m) => new(
        m.Host, m.Port, m.TlsMode, m.UserName, m.Folder, m.SentSince, m.FileDecisions,
        m.AcceptedFolder, m.ArchivedFolder, m.NotKnownFolder, m.LastSyncAt, m.LastStatus, m.LastError);
}
