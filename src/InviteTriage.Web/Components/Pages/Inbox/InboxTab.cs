using InviteTriage.Core.Invitations;
using InviteTriage.Data.Invitations;

namespace InviteTriage.Web.Components.Pages.Inbox;

/// <summary>One of the inbox's tabs: what it lists, and which count it shows.</summary>
internal sealed record InboxTab(string Key, string Title, InvitationStatus? Status, bool InFlock, Func<InboxCounts, int> Count, string EmptyText)
{
    public static IReadOnlyList<InboxTab> All { get; } =
    [
        new("pending", "Pending", InvitationStatus.Pending, false, c => c.Pending, "Nothing is waiting for a decision. New invitations land here."),
        new("flocked", "Flocked", InvitationStatus.Pending, true, c => c.Flocked, "No pending invitation belongs to a flock. When colleagues of one company invite you together, they appear here."),
        new("accepted", "Accepted", InvitationStatus.Accepted, false, c => c.Accepted, "Invitations you accept appear here."),
        new("archived", "Archived", InvitationStatus.Archived, false, c => c.Archived, "Invitations you archive appear here."),
        new("not-known", "Not known", InvitationStatus.NotKnown, false, c => c.NotKnown, "Invitations you mark \"I don't know this person\" appear here."),
        new("all", "All", null, false, c => c.All, "No invitation matches."),
    ];

    public static int IndexOf(string? key) => Math.Max(0, All.ToList().FindIndex(t => t.Key == key));
}
