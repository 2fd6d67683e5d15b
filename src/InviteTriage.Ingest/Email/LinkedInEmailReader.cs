using System.Text.RegularExpressions;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Senders;
using MimeKit;

namespace InviteTriage.Ingest.Email;

/// <summary>
/// Turns one LinkedIn e-mail into a draft or a counted skip. Invitations are recognised by the sender's address and
/// the accept link, not by the subject, which LinkedIn localises. The IMAP sync calls <see cref="Read"/> per message.
/// </summary>
public static partial class LinkedInEmailReader
{
    // Reminders and acceptances carry no structural mark of their own, so a few phrases per language back up the links.
    private static readonly string[] ReminderPhrases =
    [
        "waiting for your response",
        "in attesa di una tua risposta",
        "in attesa della tua risposta",
        "wartet auf ihre antwort",
        "attend votre réponse",
    ];

    private static readonly string[] AcceptancePhrases =
    [
        "accepted your invitation",
        "ha accettato il tuo invito",
        "hat ihre einladung angenommen",
        "a accepté votre invitation",
    ];

    public static IngestItem Read(MimeMessage message, IngestOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(origin);

        var from = message.From.Mailboxes.FirstOrDefault();
        if (from is null || !IsLinkedInAddress(from.Address))
        {
            return new IngestSkip(origin, SkipKind.NotInvitation);
        }

        var plain = message.TextBody;
        var html = message.HtmlBody;
        var bodyText = plain ?? (html is null ? string.Empty : EmailText.HtmlToText(html));
        var links = EmailText.Links(plain, html).ToList();
        var searchable = $"{message.Subject}\n{bodyText}".ToLowerInvariant();

        var acceptLink = links.Find(IsAcceptLink);
        var invitationId = acceptLink is null ? null : InvitationId(acceptLink);
        var profileLink = links.Find(IsProfileLink);

        if (acceptLink is null)
        {
            return Array.Exists(AcceptancePhrases, searchable.Contains)
                ? new IngestSkip(origin, SkipKind.Acceptance)
                : new IngestSkip(origin, SkipKind.NotInvitation);
        }

        if (profileLink is null || Array.Exists(ReminderPhrases, searchable.Contains))
        {
            return new IngestSkip(origin, SkipKind.Reminder, invitationId);
        }

        var lines = EmailText.Lines(bodyText);
        var senderName = SenderName(from.Name) ?? (lines.Count > 0 ? lines[0] : null);
        if (string.IsNullOrWhiteSpace(senderName))
        {
            return new IngestRejection(origin, "From", "the e-mail names no sender");
        }

        if (!message.Headers.Contains(HeaderId.Date) || message.Date == DateTimeOffset.MinValue)
        {
            return new IngestRejection(origin, "Date", "the e-mail has no readable Date header");
        }

        var nameLine = FindNameLine(lines, senderName);
        return new IngestDraft(new InvitationDraft
        {
            SenderName = senderName,
            SentAt = message.Date.UtcDateTime,
            SenderHeadline = nameLine < 0 ? null : Headline(lines, nameLine + 1, senderName),
            SenderProfileUrl = IsComparableProfileLink(profileLink) ? ProfileUrl.Normalize(profileLink) : null,
            ProfileLink = profileLink,
            Message = nameLine > 0 ? string.Join('\n', lines.Take(nameLine)) : null,
            Network = Networks.LinkedIn,
            ExternalId = invitationId,
            AcceptUrl = acceptLink,
            Source = InvitationSource.Email,
            Origin = origin,
        });
    }

    private static bool IsLinkedInAddress(string? address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        if (address is null || at < 0)
        {
            return false;
        }

        var domain = address[(at + 1)..].ToLowerInvariant();
        return domain == "linkedin.com" || domain.EndsWith(".linkedin.com", StringComparison.Ordinal);
    }

    private static bool IsAcceptLink(string url) =>
        url.Contains("linkedin.com", StringComparison.OrdinalIgnoreCase)
        && url.Contains("invite-accept", StringComparison.OrdinalIgnoreCase);

    private static bool IsProfileLink(string url) =>
        url.Contains("linkedin.com", StringComparison.OrdinalIgnoreCase)
        && (IsComparableProfileLink(url) || url.Contains("/profile/view", StringComparison.OrdinalIgnoreCase));

    private static bool IsComparableProfileLink(string url) => ProfilePath().IsMatch(url);

    private static string? InvitationId(string acceptLink)
    {
        if (EmailText.QueryValue(acceptLink, "invitationId") is { } id && id.All(char.IsAsciiDigit))
        {
            return id;
        }

        // Some accept links carry the id only inside mboxid ("I6132985418842456064_500").
        var mailboxId = EmailText.QueryValue(acceptLink, "mboxid");
        var match = mailboxId is null ? null : MailboxInvitationId().Match(mailboxId);
        return match is { Success: true } ? match.Groups["id"].Value : null;
    }

    private static string? SenderName(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return null;
        }

        var name = ViaLinkedIn().Replace(displayName.Trim(), string.Empty).Trim();
        return name.Length == 0 || name.Equals("LinkedIn", StringComparison.OrdinalIgnoreCase) ? null : name;
    }

    private static int FindNameLine(IReadOnlyList<string> lines, string senderName)
    {
        var wanted = PersonName.Normalize(senderName);
        for (var i = 0; i < lines.Count; i++)
        {
            if (PersonName.Normalize(lines[i]) == wanted && !lines[i].Contains("://", StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The line after the sender's name, unless it is a link or the "… wants to connect" sentence.</summary>
    private static string? Headline(IReadOnlyList<string> lines, int index, string senderName)
    {
        if (index >= lines.Count)
        {
            return null;
        }

        var line = lines[index];
        var isBoilerplate = line.Contains("://", StringComparison.Ordinal)
            || line.StartsWith(senderName, StringComparison.OrdinalIgnoreCase)
            || line.StartsWith("---", StringComparison.Ordinal);
        return isBoilerplate ? null : line;
    }

    // Display names are the sender's to choose; see EmailText for why these patterns do not backtrack.
    [GeneratedRegex(@"\s+(via|tramite|über|par|por|via\s+de)\s+LinkedIn$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ViaLinkedIn();

    [GeneratedRegex(@"linkedin\.com(/comm)?/in/[^/?#\s]+", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ProfilePath();

    [GeneratedRegex(@"^I(?<id>\d+)_")]
    private static partial Regex MailboxInvitationId();
}
