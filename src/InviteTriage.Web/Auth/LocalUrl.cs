namespace InviteTriage.Web.Auth;

internal static class LocalUrl
{
    /// <summary>A base-relative URL to go back to after signing in; anything that could leave the site becomes home.</summary>
    public static string OrHome(string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(returnUrl)
            || returnUrl.StartsWith("//", StringComparison.Ordinal)
            || returnUrl.Contains('\\', StringComparison.Ordinal)
            || returnUrl.Contains(':', StringComparison.Ordinal))
        {
            return "";
        }

        return returnUrl.TrimStart('/');
    }
}
