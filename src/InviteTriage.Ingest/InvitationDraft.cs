using InviteTriage.Core.Invitations;

namespace InviteTriage.Ingest;

/// <summary>One invitation as read from outside, before it is deduplicated, merged and stored.</summary>
public sealed record InvitationDraft
{
    public required string SenderName { get; init; }

    /// <summary>When the invitation was sent, always in UTC.</summary>
    public required DateTime SentAt { get; init; }

    public string? SenderHeadline { get; init; }
    public string? SenderCompany { get; init; }

    /// <summary>The profile URL in the form of <c>ProfileUrl.Normalize</c>, so that sources can be compared.</summary>
    public string? SenderProfileUrl { get; init; }

    /// <summary>
    /// The profile link exactly as found (e-mails), for the UI to send the user there. The 2016 e-mails link
    /// <c>/comm/profile/view?id=…</c>, which has no comparable form, so only this field is set for them.
    /// </summary>
    public string? ProfileLink { get; init; }

    public string? Message { get; init; }
    public string Network { get; init; } = Networks.LinkedIn;
    public string? ExternalId { get; init; }
    public string? AcceptUrl { get; init; }
    public InvitationSource Source { get; init; }
    public required IngestOrigin Origin { get; init; }
}
