using InviteTriage.Core.Flocks;
using InviteTriage.Core.History;

namespace InviteTriage.Data.Invitations;

/// <summary>One invitation with why it was flagged and everything that happened to it.</summary>
public sealed record InvitationDetail(
    InvitationView Invitation,
    string? SenderProfileUrl,
    string? AcceptUrl,
    string Network,
    IReadOnlyList<FlagReason> Reasons,
    IReadOnlyList<InvitationHistoryEntry> History);

public sealed record InvitationHistoryEntry(long EventId, FlagEventKind Kind, string Actor, DateTime OccurredAt, string Summary, string? Before, string? After);
