using System.Net;
using System.Text.RegularExpressions;

namespace InviteTriage.Web.Tests;

/// <summary>Posts a statically rendered Blazor form the way a browser does: with its antiforgery token and handler name.</summary>
internal static partial class SsrForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string handler, IReadOnlyDictionary<string, string> fields)
    {
        var page = await client.GetAsync(path);
        page.StatusCode.Should().Be(HttpStatusCode.OK, $"the form at {path} must render before it can be posted");
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html);
        token.Success.Should().BeTrue($"the form at {path} must carry an antiforgery token");

        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = handler,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(body));
    }

    /// <summary>An antiforgery token as a browser that loaded <paramref name="path"/> would hold it.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var token = AntiforgeryField().Match(html);
        token.Success.Should().BeTrue($"the page at {path} must carry an antiforgery token");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
