using InviteTriage.Core.Invitations;

namespace InviteTriage.Data.Invitations;

/// <summary>An invitation as the API, the CLI and the inbox show it.</summary>
public sealed record InvitationView(
    long Id,
    string? ExternalId,
    string SenderName,
    string? SenderHeadline,
    string? Company,
    string? CompanyKey,
    DateTime SentAt,
    string? Message,
    InvitationStatus Status,
    long? FlockId,
    InvitationSource Source);
