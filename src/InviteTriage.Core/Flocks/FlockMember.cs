namespace InviteTriage.Core.Flocks;

/// <summary>
/// Membership of an invitation in a flock. Kept for dismissed and withdrawn flocks too, so that the
/// invitations of a dismissed flock are never grouped with each other again.
/// </summary>
public sealed class FlockMember
{
    public long FlockId { get; set; }
    public long InvitationId { get; set; }
    public DateTime JoinedAt { get; set; }
}
