namespace InviteTriage.Ingest;

/// <summary>
/// Profile and accept links end up as links the user clicks, so only http(s) ones are kept: a <c>javascript:</c> or
/// <c>data:</c> "link" in an imported file or a spoofed e-mail would otherwise become script on the user's page.
/// </summary>
public static class WebLinks
{
    public static bool IsHttp(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>Why <paramref name="url"/> cannot be kept as a link, or null when it can (or is absent).</summary>
    public static string? Problem(string? url) =>
        string.IsNullOrWhiteSpace(url) || IsHttp(url) ? null : $"'{Shortened(url)}' is not an http(s) link";

    private static string Shortened(string url) => url.Length <= 80 ? url : string.Concat(url.AsSpan(0, 80), "…");
}
