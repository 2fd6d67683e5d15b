namespace InviteTriage.Core.Detection;

/// <summary>One group of the walk: a run of one company's invitations, ordered by (sentAt, id).</summary>
public sealed record InvitationGroup(IReadOnlyList<DetectionInvitation> Members)
{
    public DateTime FirstSentAt => Members[0].SentAt;

    public DateTime LastSentAt => Members[^1].SentAt;

    private int? _senderCount;

    // Counted on first use: the walk makes many groups, and only the long ones ever need it.
    public int SenderCount => _senderCount ??= Members.Select(member => member.SenderKey).Distinct(StringComparer.Ordinal).Count();

    public bool IsCandidate(DetectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return SenderCount >= settings.MinSenders;
    }
}
