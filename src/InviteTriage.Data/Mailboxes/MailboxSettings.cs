using InviteTriage.Core.Mailboxes;

namespace InviteTriage.Data.Mailboxes;

/// <summary>What the user enters on the mailbox settings page. A null <see cref="Password"/> keeps the stored one.</summary>
public sealed record MailboxSettings
{
    public required string Host { get; init; }
    public int Port { get; init; } = 993;
    public MailboxTlsMode TlsMode { get; init; } = MailboxTlsMode.Ssl;
    public required string UserName { get; init; }
    public string? Password { get; init; }
    public string Folder { get; init; } = Mailbox.DefaultFolder;
    public DateTime? SentSince { get; init; }
    public bool FileDecisions { get; init; }
    public string AcceptedFolder { get; init; } = Mailbox.DefaultAcceptedFolder;
    public string ArchivedFolder { get; init; } = Mailbox.DefaultArchivedFolder;
    public string NotKnownFolder { get; init; } = Mailbox.DefaultNotKnownFolder;

    /// <summary>Every reason the settings cannot be used, for the form; empty when they can.</summary>
    public IReadOnlyList<string> Problems(bool hasStoredPassword)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host) || Host.Any(char.IsWhiteSpace) || Host.Contains("://", StringComparison.Ordinal))
        {
            problems.Add("Host: give the server's name or address, such as imap.example.com.");
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add($"Port: {Port} is not a port; IMAP usually listens on 993 (TLS) or 143 (STARTTLS).");
        }

        if (!Enum.IsDefined(TlsMode))
        {
            problems.Add("TLS mode: choose none, STARTTLS or SSL/TLS.");
        }

        if (string.IsNullOrWhiteSpace(UserName))
        {
            problems.Add("User name: required.");
        }

        if (string.IsNullOrEmpty(Password) && !hasStoredPassword)
        {
            problems.Add("Password: required.");
        }

        if (string.IsNullOrWhiteSpace(Folder))
        {
            problems.Add("Folder: required; most servers call the inbox INBOX.");
        }

        if (FileDecisions)
        {
            foreach (var (field, folder) in new[] { ("Accepted folder", AcceptedFolder), ("Archived folder", ArchivedFolder), ("Not-known folder", NotKnownFolder) })
            {
                if (string.IsNullOrWhiteSpace(folder))
                {
                    problems.Add($"{field}: required when decisions are filed.");
                }
                else if (MailboxFolders.SamePath(folder, Folder))
                {
                    problems.Add($"{field}: must differ from the folder that is read, or filed e-mails would be read again.");
                }
            }
        }

        return problems;
    }
}
