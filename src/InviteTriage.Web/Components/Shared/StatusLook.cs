using InviteTriage.Core.Flocks;
using InviteTriage.Core.Invitations;
using MudBlazor;

namespace InviteTriage.Web.Components.Shared;

/// <summary>How every page words and colours invitation statuses and flock severities, so they look alike everywhere.</summary>
internal static class StatusLook
{
    public static string Label(InvitationStatus status) => status switch
    {
        InvitationStatus.Pending => "Pending",
        InvitationStatus.Accepted => "Accepted",
        InvitationStatus.Archived => "Archived",
        InvitationStatus.NotKnown => "Not known",
        _ => status.ToString(),
    };

    public static Color Color(InvitationStatus status) => status switch
    {
        InvitationStatus.Accepted => MudBlazor.Color.Success,
        InvitationStatus.Archived => MudBlazor.Color.Primary,
        InvitationStatus.NotKnown => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    public static Color Color(FlockSeverity severity) =>
        severity == FlockSeverity.Likely ? MudBlazor.Color.Error : MudBlazor.Color.Warning;
}
