using MailKit;
using MailKit.Net.Imap;

namespace InviteTriage.Data.Mailboxes;

/// <summary>
/// Folder names as the user writes them, with '/' between levels, mapped onto the server's own separator
/// (Dovecot and Gmail use '/', Courier and Cyrus '.') and personal namespace.
/// </summary>
internal static class MailboxFolders
{
    public static bool SamePath(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    public static async Task<IMailFolder> GetAsync(ImapClient client, string path, CancellationToken cancellationToken)
    {
        var segments = Segments(path);
        if (segments.Length == 1 && segments[0].Equals("INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return client.Inbox;
        }

        // Throws FolderNotFoundException, which the caller reports as a missing folder.
        return await client.GetFolderAsync(ServerPath(client, segments), cancellationToken);
    }

    /// <summary>The folder, created level by level (and subscribed, so mail clients show it) where it is missing.</summary>
    public static async Task<IMailFolder> GetOrCreateAsync(ImapClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(client, path, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            // Created below.
        }

        // The namespace's root folder is known from the login; no round trip.
        var folder = client.GetFolder(client.PersonalNamespaces[0]);
        foreach (var name in Segments(path))
        {
            try
            {
                folder = await folder.GetSubfolderAsync(name, cancellationToken);
            }
            catch (FolderNotFoundException)
            {
                // MailKit answers null when the server does not list what it just created; asking again finds it.
                folder = await folder.CreateAsync(name, isMessageFolder: true, cancellationToken)
                    ?? await folder.GetSubfolderAsync(name, cancellationToken);
                await folder.SubscribeAsync(cancellationToken);
            }
        }

        return folder;
    }

    private static string ServerPath(ImapClient client, string[] segments)
    {
        var space = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : null;
        var separator = space?.DirectorySeparator ?? '/';
        var joined = string.Join(separator, segments);
        var prefix = space?.Path ?? string.Empty;
        // Servers whose personal folders all live under INBOX ("INBOX.") get that prefix unless it was written.
        return prefix.Length == 0 || joined.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            ? joined
            : $"{prefix}{separator}{joined}";
    }

    private static string[] Segments(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Normalize(string path) => string.Join('/', Segments(path));
}
