using InviteTriage.Core.Invitations;

namespace InviteTriage.Data.Insights;

public sealed record StatusCount(InvitationStatus Status, int Count);
