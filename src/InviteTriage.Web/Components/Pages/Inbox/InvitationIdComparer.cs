using InviteTriage.Data.Invitations;

namespace InviteTriage.Web.Components.Pages.Inbox;

/// <summary>
/// Rows are the same invitation when their ids are; a record's own equality would make a reloaded row (with a new
/// status) a stranger to the selection that holds its older copy.
/// </summary>
internal sealed class InvitationIdComparer : IEqualityComparer<InvitationView>
{
    public static InvitationIdComparer Instance { get; } = new();

    public bool Equals(InvitationView? x, InvitationView? y) => x?.Id == y?.Id;

    public int GetHashCode(InvitationView obj) => obj.Id.GetHashCode();
}
