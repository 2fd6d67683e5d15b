using InviteTriage.Core.Invitations;

namespace InviteTriage.Data.Invitations;

/// <summary>The counts on the inbox's tabs. <see cref="Flocked"/> counts pending invitations that belong to a flock.</summary>
public sealed record InboxCounts(int Pending, int Flocked, int Accepted, int Archived, int NotKnown, int All)
{
    /// <summary>The count of the tab that <paramref name="filter"/>'s status and flock choice select; null when no tab does.</summary>
    public int? Of(InvitationFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return (filter.Status, filter.InFlock) switch
        {
            (null, false) => All,
            (InvitationStatus.Pending, true) => Flocked,
            (InvitationStatus.Pending, false) => Pending,
            (InvitationStatus.Accepted, false) => Accepted,
            (InvitationStatus.Archived, false) => Archived,
            (InvitationStatus.NotKnown, false) => NotKnown,
            _ => null,
        };
    }
}
