using System.Security.Claims;

namespace InviteTriage.Web.Auth;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user's id, which owns every row they see; cookie and token principals both carry it.</summary>
    public static string OwnerId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The request has no signed-in user.");
}
