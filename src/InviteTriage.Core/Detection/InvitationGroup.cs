namespace InviteTriage.Core.Detection;

/// <summary>One group of the walk: a run of one company's invitations, ordered by (sentAt, id).</summary>
public sealed record InvitationGroup(IReadOnlyList<DetectionInvitation> Members)
{
    public DateTime FirstSentAt => Members[0].SentAt;

    public DateTime LastSentAt => Members[^1].SentAt;

    public int SenderCount { get; } = Members.Select(member => member.SenderKey).Distinct(StringComparer.Ordinal).Count();

    public bool IsCandidate(DetectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return SenderCount >= settings.MinSenders;
    }
}
