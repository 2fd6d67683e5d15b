namespace InviteTriage.Core.Mailboxes;

/// <summary>A user's IMAP mailbox: where invitation e-mails are read from, and how far the sync has read.</summary>
public sealed class Mailbox
{
    public const string DefaultFolder = "INBOX";
    public const string DefaultAcceptedFolder = "Invitations/Accepted";
    public const string DefaultArchivedFolder = "Invitations/Archived";
    public const string DefaultNotKnownFolder = "Invitations/NotKnown";

    /// <summary>One mailbox per user, so the owner is the key.</summary>
    public required string OwnerId { get; set; }

    public required string Host { get; set; }
    public int Port { get; set; } = 993;
    public MailboxTlsMode TlsMode { get; set; } = MailboxTlsMode.Ssl;
    public required string UserName { get; set; }

    /// <summary>The password as ASP.NET Core Data Protection wrote it; the plain password is never stored.</summary>
    public required string ProtectedPassword { get; set; }

    /// <summary>The folder read for invitations, with '/' between levels whatever the server's separator.</summary>
    public string Folder { get; set; } = DefaultFolder;

    /// <summary>When set, only mail sent on or after this day is read (IMAP SENTSINCE, by the Date header).</summary>
    public DateTime? SentSince { get; set; }

    /// <summary>Move an invitation's e-mail into the folder of the user's decision.</summary>
    public bool FileDecisions { get; set; }

    public string AcceptedFolder { get; set; } = DefaultAcceptedFolder;
    public string ArchivedFolder { get; set; } = DefaultArchivedFolder;
    public string NotKnownFolder { get; set; } = DefaultNotKnownFolder;

    /// <summary>The folder's UIDVALIDITY when <see cref="LastUid"/> was read; a different one means start over.</summary>
    public long? UidValidity { get; set; }

    /// <summary>The highest UID already read from <see cref="Folder"/>; the next sync asks only for higher ones.</summary>
    public long LastUid { get; set; }

    public DateTime? LastSyncAt { get; set; }
    public MailboxStatus LastStatus { get; set; }

    /// <summary>What went wrong in the last sync, in words for the settings page; null after a good one.</summary>
    public string? LastError { get; set; }

    public DateTime UpdatedAt { get; set; }
}
