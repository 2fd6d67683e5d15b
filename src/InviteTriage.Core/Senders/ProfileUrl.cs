namespace InviteTriage.Core.Senders;

/// <summary>Profile URLs as FORMATS.md says to compare them.</summary>
public static class ProfileUrl
{
    /// <summary>
    /// Percent-decodes, lower-cases, drops the query, fragment and trailing slash, and turns the e-mail
    /// form <c>/comm/in/slug</c> into <c>/in/slug</c>. Returns null for a blank URL.
    /// </summary>
    public static string? Normalize(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var text = url.Trim();
        var cut = text.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            text = text[..cut];
        }

        text = Uri.UnescapeDataString(text).ToLowerInvariant().TrimEnd('/');
        text = text.Replace("/comm/in/", "/in/", StringComparison.Ordinal);
        if (text.StartsWith("http://", StringComparison.Ordinal))
        {
            text = string.Concat("https://", text.AsSpan("http://".Length));
        }

        return text.Length == 0 ? null : text;
    }
}
