namespace InviteTriage.Data.Triage;

public enum TriageOutcome
{
    Done,

    /// <summary>An id is unknown or belongs to someone else; nothing was changed.</summary>
    NotFound,

    /// <summary>The action does not apply (e.g. dismissing an invitation); nothing was changed.</summary>
    Invalid,

    /// <summary>An undo found invitations changed since; nothing was restored.</summary>
    Conflict,
}
