using InviteTriage.Core.Flocks;
using MudBlazor;

namespace InviteTriage.Web.Components.Pages.Flocks;

internal static class FlockTabs
{
    public static IReadOnlyList<FlockTab> All { get; } =
    [
        new(FlockStatus.Open, "Open", Icons.Material.Filled.Groups, "No open flocks",
            "A flock is a group of invitations from one company that arrive within hours of each other, more often "
            + "than chance explains. Each one you have not answered yet shows here as a card with its senders, its "
            + "timeline and the reasons it was flagged, so you can accept, archive or disown the whole flock at once."),
        new(FlockStatus.Resolved, "Resolved", Icons.Material.Filled.TaskAlt, "No resolved flocks",
            "When every invitation of a flock has an answer (accepted, archived or not known) the flock moves here. "
            + "You can make its invitations pending again at any time."),
        new(FlockStatus.Dismissed, "Dismissed", Icons.Material.Filled.Block, "No dismissed flocks",
            "Flocks you marked \"Not a flock\" are kept here, so the detector does not raise them again. Undo a "
            + "dismissal from the History page."),
        new(FlockStatus.Withdrawn, "Withdrawn", Icons.Material.Filled.GroupRemove, "No withdrawn flocks",
            "When new information (a corrected company, changed settings, an undone import) means a group no longer "
            + "looks like a flock, the detector withdraws it and it shows here."),
    ];

    public static int IndexOf(FlockStatus status) => Math.Max(0, All.ToList().FindIndex(t => t.Status == status));
}
