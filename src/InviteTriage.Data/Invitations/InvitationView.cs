using InviteTriage.Core.Flocks;
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
    InvitationSource Source)
{
    /// <summary>Whether the note is LinkedIn's stock text (or none), which the inbox marks.</summary>
    public MessageClass MessageClass { get; init; }

    /// <summary>The severity of the flock it belongs to, for the colour of its flock chip.</summary>
    public FlockSeverity? FlockSeverity { get; init; }
}
