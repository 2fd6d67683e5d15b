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
        var field = draft.Source switch
        {
            InvitationSource.Csv => "sent_at",
            InvitationSource.LinkedInExport => "Sent At",
            InvitationSource.Email => "Date",
            _ => "sentAt",
        };
        if (draft.SentAt < Earliest)
        {
            return $"{field}: {draft.SentAt:u} is before 2003, when LinkedIn began";
        }

        if (draft.SentAt > now.AddDays(1))
        {
            return $"{field}: {draft.SentAt:u} is in the future";
        }

        return string.IsNullOrWhiteSpace(draft.SenderName) ? "sender name: is empty" : null;
    }

    public static Invitation ToInvitation(InvitationDraft draft, string ownerId, long batchId, DateTime now)
    {
        var company = Trimmed(draft.SenderCompany) ?? HeadlineCompany.Parse(draft.SenderHeadline);
        var companyKey = CompanyKey.Normalize(company);
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

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
