namespace InviteTriage.Data.Invitations;

/// <summary>
/// The orders the inbox offers. Each one is backed by an index that starts with the owner, so that a page of a
/// million invitations is read in index order rather than sorted.
/// </summary>
public enum InvitationSort
{
    Sent,
    Sender,
    Company,
    Status,
}
