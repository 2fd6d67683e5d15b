using InviteTriage.Core.Mailboxes;
using InviteTriage.Data.Mailboxes;

namespace InviteTriage.Web.Components.Pages.Settings;

/// <summary>The mailbox form's editable state; the password is never loaded back, only replaced.</summary>
internal sealed class MailboxForm
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 993;
    public MailboxTlsMode TlsMode { get; set; } = MailboxTlsMode.Ssl;
    public string UserName { get; set; } = "";
    public string? Password { get; set; }
    public string Folder { get; set; } = Mailbox.DefaultFolder;
    public bool FileDecisions { get; set; }
    public string AcceptedFolder { get; set; } = Mailbox.DefaultAcceptedFolder;
    public string ArchivedFolder { get; set; } = Mailbox.DefaultArchivedFolder;
    public string NotKnownFolder { get; set; } = Mailbox.DefaultNotKnownFolder;

    public void Load(MailboxView view)
    {
        Host = view.Host;
        Port = view.Port;
        TlsMode = view.TlsMode;
        UserName = view.UserName;
        Folder = view.Folder;
        FileDecisions = view.FileDecisions;
        AcceptedFolder = view.AcceptedFolder;
        ArchivedFolder = view.ArchivedFolder;
        NotKnownFolder = view.NotKnownFolder;
    }

    public MailboxSettings ToSettings() => new()
    {
        Host = Host.Trim(),
        Port = Port,
        TlsMode = TlsMode,
        UserName = UserName.Trim(),
        Password = string.IsNullOrEmpty(Password) ? null : Password,
        Folder = Folder.Trim(),
        FileDecisions = FileDecisions,
        AcceptedFolder = AcceptedFolder.Trim(),
        ArchivedFolder = ArchivedFolder.Trim(),
        NotKnownFolder = NotKnownFolder.Trim(),
    };
}
