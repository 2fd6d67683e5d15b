using InviteTriage.Core.Invitations;

namespace InviteTriage.Core.Triage;

public static class TriageActions
{
    /// <summary>The status an action leaves an invitation in; dismissal is about flocks and has none.</summary>
    public static InvitationStatus? TargetStatus(this TriageAction action) => action switch
    {
        TriageAction.Accept => InvitationStatus.Accepted,
        TriageAction.Archive => InvitationStatus.Archived,
        TriageAction.NotKnown => InvitationStatus.NotKnown,
        TriageAction.Restore => InvitationStatus.Pending,
        _ => null,
    };
}
