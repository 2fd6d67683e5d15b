using Microsoft.AspNetCore.Identity;

namespace InviteTriage.Data.Accounts;

/// <summary>A member of the instance. Every row of a user's data carries this user's id as its owner.</summary>
public sealed class TriageUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Whether detection stores this user's flock candidates. A user from before candidates were kept has none
    /// until a rebuild (<see cref="Detection.CandidateBackfillService"/>); until then detection re-reads instead.
    /// A new user starts with no invitations, so with all of their candidates stored.
    /// </summary>
    public bool FlockCandidatesStored { get; set; } = true;
}
