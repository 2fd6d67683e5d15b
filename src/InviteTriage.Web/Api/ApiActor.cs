using System.Security.Claims;

namespace InviteTriage.Web.Api;

/// <summary>Who the history records as having made a change through the API.</summary>
internal static class ApiActor
{
    public const string Fallback = "api";

    // Both cookie and token principals carry the member's e-mail; a member without one is recorded as "api".
    public static string Of(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? Fallback;
}
