using InviteTriage.Core.Companies;
using InviteTriage.Core.Detection;
using InviteTriage.Core.Invitations;
using InviteTriage.Core.Senders;
using InviteTriage.Ingest;

namespace InviteTriage.Data.Imports;

/// <summary>Turns a draft into a stored invitation, and refuses drafts no real invitation could have.</summary>
internal static class DraftRules
{
    // LinkedIn opened in May 2003; nothing older is a real invitation.
    private static readonly DateTime Earliest = new(2003, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string? Problem(InvitationDraft draft, DateTime now)
    {
        var field = FieldName(draft.Source, "sentAt");
        if (draft.SentAt < Earliest)
        {
            return $"{field}: {draft.SentAt:u} is before 2003, when LinkedIn began";
        }

        if (draft.SentAt > now.AddDays(1))
        {
            return $"{field}: {draft.SentAt:u} is in the future";
        }

        return string.IsNullOrWhiteSpace(draft.SenderName) ? "sender name: is empty" : TooLong(draft) ?? NotALink(draft);
    }

    private static string? NotALink(InvitationDraft draft) =>
        WebLinks.Problem(draft.SenderProfileUrl ?? draft.ProfileLink) is { } profile ? $"{FieldName(draft.Source, "senderProfileUrl")}: {profile}"
        : WebLinks.Problem(draft.AcceptUrl) is { } accept ? $"{FieldName(draft.Source, "acceptUrl")}: {accept}"
        : null;

    /// <summary>Every source of drafts (files, the API, mailboxes) passes here, so the field limits hold for all of them.</summary>
    private static string? TooLong(InvitationDraft draft)
    {
        (string Field, string? Value, int Limit)[] fields =
        [
            ("senderName", draft.SenderName, FieldLimits.Name),
            ("senderHeadline", draft.SenderHeadline, FieldLimits.Headline),
            ("senderCompany", draft.SenderCompany, FieldLimits.Company),
            ("senderProfileUrl", draft.SenderProfileUrl ?? draft.ProfileLink, FieldLimits.Url),
            ("message", draft.Message, FieldLimits.Message),
            ("network", draft.Network, FieldLimits.Network),
            ("externalId", draft.ExternalId, FieldLimits.ExternalId),
            ("acceptUrl", draft.AcceptUrl, FieldLimits.Url),
        ];
        foreach (var (name, value, limit) in fields)
        {
            if (FieldLimits.Exceeded(value, limit) is { } reason)
            {
                return $"{FieldName(draft.Source, name)}: {reason}";
            }
        }

        return null;
    }

    /// <summary>A draft field as the user's file names it, so that a rejection points at the column or header to fix.</summary>
    private static string FieldName(InvitationSource source, string field) => (source, field) switch
    {
        (InvitationSource.Csv, _) => SnakeCase(field),
        (InvitationSource.LinkedInExport, "sentAt") => "Sent At",
        (InvitationSource.LinkedInExport, "senderName") => "From",
        (InvitationSource.LinkedInExport, "message") => "Message",
        (InvitationSource.LinkedInExport, "senderProfileUrl") => "inviterProfileUrl",
        (InvitationSource.Email, "sentAt") => "Date",
        (InvitationSource.Email, "senderName") => "From",
        (InvitationSource.Email, "senderHeadline") => "headline line",
        (InvitationSource.Email, "message") => "note",
        (InvitationSource.Email, "senderProfileUrl") => "profile link",
        (InvitationSource.Email, "acceptUrl") => "accept link",
        _ => field,
    };

    private static string SnakeCase(string camel) =>
        string.Concat(camel.Select(c => char.IsUpper(c) ? $"_{char.ToLowerInvariant(c)}" : c.ToString()));

    public static Invitation ToInvitation(InvitationDraft draft, string ownerId, long batchId, DateTime now, CompanyAliasMap aliases)
    {
        draft = WithoutNul(draft);
        var company = Trimmed(draft.SenderCompany) ?? HeadlineCompany.Parse(draft.SenderHeadline);
        var companyKey = aliases.Resolve(CompanyKey.Normalize(company));
        var name = draft.SenderName.Trim();
        return new Invitation
        {
            OwnerId = ownerId,
            Network = string.IsNullOrWhiteSpace(draft.Network) ? Networks.LinkedIn : draft.Network.Trim().ToLowerInvariant(),
            ExternalId = Trimmed(draft.ExternalId),
            SenderName = name,
            SenderHeadline = Trimmed(draft.SenderHeadline),
            Company = company,
            CompanyKey = companyKey,
            SenderProfileUrl = draft.SenderProfileUrl ?? draft.ProfileLink,
            SenderKey = SenderKey.For(draft.SenderProfileUrl, name, companyKey),
            SenderNameKey = PersonName.Normalize(name),
            SentAt = draft.SentAt,
            SentMinute = MinuteOf(draft.SentAt),
            Message = Trimmed(draft.Message),
            MessageClass = MessageClassifier.Classify(draft.Message, recipientName: null, name),
            Status = InvitationStatus.Pending,
            Source = draft.Source,
            ImportBatchId = batchId,
            AcceptUrl = Trimmed(draft.AcceptUrl),
            ReceivedAt = now,
            UpdatedAt = now,
        };
    }

    public static long MinuteOf(DateTime sentAt) => (long)Math.Floor((sentAt - DateTime.UnixEpoch).TotalMinutes);

    /// <summary>
    /// Text without U+0000, which PostgreSQL cannot store in text and which means nothing in a name or a message; taken
    /// out for both stores, so that an import keeps the same rows on either.
    /// </summary>
    public static string? WithoutNul(string? text) =>
        text is not null && text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : text;

    private static InvitationDraft WithoutNul(InvitationDraft draft) => draft with
    {
        SenderName = WithoutNul(draft.SenderName)!,
        SenderHeadline = WithoutNul(draft.SenderHeadline),
        SenderCompany = WithoutNul(draft.SenderCompany),
        SenderProfileUrl = WithoutNul(draft.SenderProfileUrl),
        ProfileLink = WithoutNul(draft.ProfileLink),
        Message = WithoutNul(draft.Message),
        Network = WithoutNul(draft.Network)!,
        ExternalId = WithoutNul(draft.ExternalId),
        AcceptUrl = WithoutNul(draft.AcceptUrl),
    };

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
