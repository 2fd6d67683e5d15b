using InviteTriage.Core.Mailboxes;
using InviteTriage.Data.Mailboxes;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace InviteTriage.Data.Tests.Mailboxes;

/// <summary>
/// The Dovecot that ./test.sh starts (tests/dovecot/start.sh), found through the settings file named by
/// INVITETRIAGE_TEST_IMAP. Every test works in folders of its own, so tests can share the one account.
/// </summary>
internal sealed record TestImapServer(string Host, int Port, string UserName, string Password)
{
    public const string Variable = "INVITETRIAGE_TEST_IMAP";

    private static readonly Lazy<TestImapServer> Started = new(Read);

    /// <summary>The running server; without one the test fails and says how to start it, rather than passing unseen.</summary>
    public static TestImapServer Current => Started.Value;

    public MailboxSettings Settings(string folder, string? password = null) => new()
    {
        Host = Host,
        Port = Port,
        TlsMode = MailboxTlsMode.None,
        UserName = UserName,
        Password = password ?? Password,
        Folder = folder,
    };

    /// <summary>A folder name no other test uses.</summary>
    public static string NewFolderName() => $"t{Guid.NewGuid():N}";

    public async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(UserName, Password);
        return client;
    }

    public async Task CreateFolderAsync(string name, params MimeMessage[] messages)
    {
        using var client = await ConnectAsync();
        var folder = await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(name, isMessageFolder: true)
            ?? throw new InvalidOperationException($"Dovecot did not create {name}.");
        await AppendAsync(folder, messages);
        await client.DisconnectAsync(quit: true);
    }

    public async Task AppendAsync(string folderPath, params MimeMessage[] messages)
    {
        using var client = await ConnectAsync();
        await AppendAsync(await client.GetFolderAsync(folderPath), messages);
        await client.DisconnectAsync(quit: true);
    }

    public async Task DeleteFolderAsync(string folderPath)
    {
        using var client = await ConnectAsync();
        await (await client.GetFolderAsync(folderPath)).DeleteAsync();
        await client.DisconnectAsync(quit: true);
    }

    /// <summary>The Message-IDs in a folder, or null when the folder does not exist.</summary>
    public async Task<List<string>?> MessageIdsAsync(string folderPath)
    {
        using var client = await ConnectAsync();
        IMailFolder folder;
        try
        {
            folder = await client.GetFolderAsync(folderPath);
        }
        catch (FolderNotFoundException)
        {
            return null;
        }

        await folder.OpenAsync(FolderAccess.ReadOnly);
        var summaries = folder.Count == 0 ? [] : await folder.FetchAsync(0, -1, MessageSummaryItems.Envelope);
        await client.DisconnectAsync(quit: true);
        return [.. summaries.Select(s => s.Envelope?.MessageId ?? "")];
    }

    private static async Task AppendAsync(IMailFolder folder, MimeMessage[] messages)
    {
        foreach (var message in messages)
        {
            await folder.AppendAsync(new AppendRequest(message, MessageFlags.None));
        }
    }

    private static TestImapServer Read()
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{Variable} is {(string.IsNullOrWhiteSpace(path) ? "not set" : $"'{path}', which does not exist")}: the mailbox tests need the "
                + "Dovecot IMAP server that ./test.sh starts. Run ./test.sh, or start one yourself with "
                + $"'export {Variable}=\"$(tests/dovecot/start.sh)\"' and stop it with 'tests/dovecot/stop.sh \"${Variable}\"'.");
        }

        var values = File.ReadAllLines(path)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.Ordinal);
        string Value(string key) => values.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"{path} (from {Variable}) has no '{key}=' line; was it written by tests/dovecot/start.sh?");
        return new TestImapServer(Value("host"), int.Parse(Value("port"), System.Globalization.CultureInfo.InvariantCulture), Value("user"), Value("password"));
    }
}
