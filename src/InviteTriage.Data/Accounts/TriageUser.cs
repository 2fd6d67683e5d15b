using Microsoft.AspNetCore.Identity;

namespace InviteTriage.Data.Accounts;

/// <summary>A member of the instance. Every row of a user's data carries this user's id as its owner.</summary>
public sealed class TriageUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }
}
