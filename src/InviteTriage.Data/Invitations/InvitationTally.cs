using InviteTriage.Core.Invitations;

namespace InviteTriage.Data.Invitations;

/// <summary>
/// How many of one owner's invitations have one status, in a flock or not: the inbox's tab counts and the totals of
/// unfiltered pages, kept by the store itself. Triggers on <c>Invitations</c> (migration <c>AddInvitationTallies</c>)
/// change the counts in the same statement as the rows, so no write path of the app, the CLI or raw SQL can make them
/// drift; counting a million rows for every page was the slowest part of the inbox.
/// </summary>
internal sealed class InvitationTally
{
    public required string OwnerId { get; set; }
    public InvitationStatus Status { get; set; }

    /// <summary>Whether the invitations belong to a flock (<c>FlockId</c> is set), as the "Flocked" tab asks.</summary>
    public bool InFlock { get; set; }

    public int Count { get; set; }
}
