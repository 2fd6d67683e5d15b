using InviteTriage.Core.Flocks;

namespace InviteTriage.Web.Components.Pages.Flocks;

/// <summary>One tab of the flocks page: the flocks of one status, and what to say when there are none.</summary>
internal sealed record FlockTab(FlockStatus Status, string Title, string Icon, string EmptyTitle, string EmptyText)
{
    /// <summary>The line above the cards; <paramref name="answered"/> counts the cards just moved to another tab.</summary>
    public string Caption(int count, int answered)
    {
        var name = Title.ToLowerInvariant();
        var here = count switch
        {
            0 => $"No {name} flocks left",
            1 => $"1 {name} flock",
            _ => $"{count} {name} flocks, most suspicious first",
        };
        return answered == 0 ? here + "." : $"{here}; {answered} just answered, shown until you leave this tab.";
    }
}
