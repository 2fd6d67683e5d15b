namespace InviteTriage.Core.Triage;

/// <summary>What a user can do with invitations or a whole flock; the outside names are "accept", "not-known", …</summary>
public enum TriageAction
{
    Accept,
    Archive,
    NotKnown,
    Restore,
    Dismiss,
}
