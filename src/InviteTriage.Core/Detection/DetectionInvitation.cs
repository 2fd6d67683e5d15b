using InviteTriage.Core.Invitations;

namespace InviteTriage.Core.Detection;

/// <summary>
/// What the detector needs to know about one invitation of one recipient. A null company key means the
/// company is unknown, and such an invitation never flocks.
/// </summary>
public sealed record DetectionInvitation(long Id, string? CompanyKey, string SenderKey, DateTime SentAt, MessageClass MessageClass)
{
    /// <summary>The company as shown to the user, for the reason's detail; falls back to the key.</summary>
    public string? Company { get; init; }

    public string SenderName { get; init; } = string.Empty;

    /// <summary>
    /// Ids of the dismissed flocks this invitation was a member of. Two invitations that share one of these
    /// are never put in the same group again (see <see cref="FlockGrouper"/>).
    /// </summary>
    public IReadOnlyCollection<long> DismissedFlockIds { get; init; } = [];

    /// <summary>The sender invited this recipient before and was not accepted (REPEAT_INVITE).</summary>
    public bool IsRepeatInvite { get; init; }

    /// <summary>
    /// How many other members of this instance the same sender key invited within ±14 days of this invitation
    /// (CAMPAIGN_SENDER). A count only: who they were never reaches the detector.
    /// </summary>
    public int OtherMembersInvitedBySender { get; init; }
}
