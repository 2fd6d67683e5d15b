using MimeKit;

namespace InviteTriage.Data.Tests.Mailboxes;

/// <summary>
/// The sample e-mails of FORMATS.md (copied from samples/emails beside these tests): the .eml files and the messages
/// of invitations.mbox, one by one. Together they hold 7 distinct invitations (the mbox repeats the current-style
/// one), 2 acceptances and 2 reminders.
/// </summary>
internal static class MailSamples
{
    public const int Messages = 12;
    public const int Invitations = 7;
    public const string AdaInvitationId = "7390000000000000001";
    public const string AdaMessageId = "invite-7390000000000000001@example.linkedin.test";

    private static readonly Lazy<string> Folder = new(FindFolder);

    public static MimeMessage[] All() => [.. Eml(), .. Mbox()];

    public static MimeMessage Load(string file) => MimeMessage.Load(Path.Combine(Folder.Value, file));

    /// <summary>A new invitation in the current style, from someone who is in none of the samples.</summary>
    public static MimeMessage NewInvitation(string invitationId, string sender, DateTimeOffset sentAt)
    {
        var slug = sender.ToLowerInvariant().Replace(' ', '-');
        var message = new MimeMessage
        {
            Subject = "I want to connect",
            Date = sentAt,
            MessageId = $"invite-{invitationId}@example.linkedin.test",
            Body = new TextPart("plain")
            {
                Text = $"""
                    {sender}
                    Controller at Quarry Lane Partners

                    {sender} wants to connect.

                    Accept: https://www.linkedin.com/comm/people/invite-accept?mboxid=I{invitationId}_500&sharedKey=x9Yz&invitationId={invitationId}&fe=true

                    View profile: https://www.linkedin.com/comm/in/{slug}-q1?midToken=AQ
                    """,
            },
        };
        message.From.Add(new MailboxAddress($"{sender} via LinkedIn", "invitations@linkedin.com"));
        message.To.Add(new MailboxAddress("Robin Example", "robin@example.com"));
        return message;
    }

    private static IEnumerable<MimeMessage> Eml() =>
        Directory.GetFiles(Folder.Value, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path));

    private static List<MimeMessage> Mbox()
    {
        using var stream = File.OpenRead(Path.Combine(Folder.Value, "invitations.mbox"));
        var parser = new MimeParser(stream, MimeFormat.Mbox);
        var messages = new List<MimeMessage>();
        while (!parser.IsEndOfStream)
        {
            messages.Add(parser.ParseMessage());
        }

        return messages;
    }

    // The samples stay beside the tests in the source tree, found by walking up from the output folder.
    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Mailboxes", "Samples");
            if (File.Exists(Path.Combine(dir.FullName, "InviteTriage.Data.Tests.csproj")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The Mailboxes/Samples folder of InviteTriage.Data.Tests was not found.");
    }
}
