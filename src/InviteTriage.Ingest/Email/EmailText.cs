using System.Net;
using System.Text.RegularExpressions;

namespace InviteTriage.Ingest.Email;

/// <summary>
/// Plain text and links out of an e-mail body that may be text/plain or HTML only. Anyone can send a mail that claims to
/// come from LinkedIn, so the patterns run on the non-backtracking engine: linear in the length of the body, where a
/// backtracking one goes quadratic on a few hundred thousand unclosed tags and hangs the import.
/// </summary>
internal static partial class EmailText
{
    public static string HtmlToText(string html)
    {
        var text = ScriptOrStyle().Replace(html, string.Empty);
        text = BlockEnd().Replace(text, "\n");
        text = Tag().Replace(text, string.Empty);
        return WebUtility.HtmlDecode(text);
    }

    public static IEnumerable<string> Links(string? plainText, string? html)
    {
        if (plainText is not null)
        {
            foreach (Match match in BareUrl().Matches(plainText))
            {
                yield return match.Value.TrimEnd('.', ',', ')', ';');
            }
        }

        if (html is not null)
        {
            foreach (Match match in Href().Matches(html))
            {
                yield return WebUtility.HtmlDecode(match.Groups["url"].Value).Trim();
            }
        }
    }

    /// <summary>The trimmed, non-empty lines of a text, with runs of spaces collapsed.</summary>
    public static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n')
            .Select(line => Spaces().Replace(line, " ").Trim())
            .Where(line => line.Length > 0)
            .ToList();

    public static string? QueryValue(string url, string name)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return null;
        }

        foreach (var pair in url[(query + 1)..].Split('&', '#'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair.AsSpan(0, equals).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                var value = Uri.UnescapeDataString(pair[(equals + 1)..]);
                return value.Length == 0 ? null : value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"<script\b.*?</script\s*>|<style\b.*?</style\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<br\s*/?>|</(p|div|tr|li|h[1-6]|table|td)\s*>", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BlockEnd();

    [GeneratedRegex("<[^>]*>", RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    private static partial Regex Tag();

    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex BareUrl();

    [GeneratedRegex(@"href\s*=\s*[""'](?<url>[^""']*)[""']", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Href();

    [GeneratedRegex(@"[ \t\r\u00A0]+", RegexOptions.NonBacktracking)]
    private static partial Regex Spaces();
}
