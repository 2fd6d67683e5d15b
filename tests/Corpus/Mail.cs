using System.Globalization;
using System.Text;

namespace InviteTriage.Corpus;

/// <summary>LinkedIn-shaped e-mails for the generated corpus files.</summary>
internal static class Mail
{
    public const string MboxSeparator = "From MAILER-DAEMON Mon Nov 24 09:02:31 2025\n";

    private const string Date = "Mon, 24 Nov 2025 09:02:31 +0000";

    public static string Invitation(string name, string headline, string invitationId, string? note = null, string? fromHeader = null)
    {
        var slug = new string([.. name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30)]);
        return $"""
            From: {fromHeader ?? $"\"{name} via LinkedIn\" <invitations@linkedin.com>"}
            To: Robin Example <robin@example.com>
            Subject: I want to connect
            Date: {Date}
            Message-ID: <{invitationId}@example.linkedin.test>
            MIME-Version: 1.0
            Content-Type: text/plain; charset="utf-8"

            {(note is null ? "" : note + "\n")}
            {name}
            {headline}

            Accept: https://www.linkedin.com/comm/people/invite-accept?invitationId={invitationId}&trk=eml

            View profile: https://www.linkedin.com/comm/in/{slug}-x1?trk=eml

            """;
    }

    /// <summary>A message from LinkedIn's address whose only body is this HTML, so that the HTML is what gets read.</summary>
    public static string HtmlOnly(string html) => $"""
        From: "Ada Fenwick via LinkedIn" <invitations@linkedin.com>
        Subject: I want to connect
        Date: {Date}
        MIME-Version: 1.0
        Content-Type: text/html; charset="utf-8"

        {html}

        """;

    /// <summary>Multiparts nested <paramref name="depth"/> deep, each with its own boundary, around one text part.</summary>
    public static string NestedMultipart(int depth)
    {
        var mail = new StringBuilder($"""
            From: "Ada Fenwick via LinkedIn" <invitations@linkedin.com>
            Subject: I want to connect
            Date: {Date}
            MIME-Version: 1.0

            """);
        for (var level = 0; level < depth; level++)
        {
            mail.Append(CultureInfo.InvariantCulture, $"Content-Type: multipart/mixed; boundary=\"b{level}\"\n\n--b{level}\n");
        }

        mail.Append("Content-Type: text/plain\n\nThe innermost part.\n");
        for (var level = depth - 1; level >= 0; level--)
        {
            mail.Append(CultureInfo.InvariantCulture, $"--b{level}--\n");
        }

        return mail.ToString();
    }
}
