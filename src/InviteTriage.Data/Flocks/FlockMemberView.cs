using InviteTriage.Core.Invitations;

namespace InviteTriage.Data.Flocks;

public sealed record FlockMemberView(long InvitationId, string? ExternalId, string SenderName, string? SenderHeadline, DateTime SentAt, InvitationStatus Status);
