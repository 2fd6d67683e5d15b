using System.Text.RegularExpressions;

namespace InviteTriage.Web.Tests;

/// <summary>The security headers as a browser receives them, on pages, the error page, the API and the health check.</summary>
[Collection(WebHostGroup.Name)]
public sealed partial class SecurityHeadersTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public SecurityHeadersTests(TriageWebFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/account/register")]
    [InlineData("/account/login")]
    [InlineData("/error")]
    [InlineData("/api/invitations")]
    [InlineData("/healthz")]
    public async Task EveryResponse_CarriesThePolicyAndTheOtherHeaders(string path)
    {
        var response = await _factory.CreateBrowserClient().GetAsync(path);

        var policy = Directives(response);
        policy["default-src"].Should().Be("'self'");
        policy["script-src"].Should().MatchRegex("^'self' 'nonce-[0-9A-F]{32}'$", "no inline script and no eval beyond the import map's nonce");
        policy["style-src"].Should().Be("'self' 'unsafe-inline'", "MudBlazor writes theme <style> elements and style attributes");
        policy["object-src"].Should().Be("'none'");
        policy["base-uri"].Should().Be("'self'");
        policy["form-action"].Should().Be("'self'");
        policy["frame-ancestors"].Should().Be("'none'");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
    }

    [Fact]
    public async Task ThePage_CarriesItsOwnNonceOnTheImportMap_AndNoOtherInlineScript()
    {
        var client = _factory.CreateBrowserClient();

        var first = await client.GetAsync("/account/register");
        var second = await client.GetAsync("/account/register");

        var html = await first.Content.ReadAsStringAsync();
        var nonce = NonceOf(first);
        InlineScripts().Matches(html).Select(m => m.Value).Should().ContainSingle()
            .Which.Should().Contain("type=\"importmap\"").And.Contain($"nonce=\"{nonce}\"");
        NonceOf(second).Should().NotBe(nonce, "a nonce is good for one response only");
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    private static string NonceOf(HttpResponseMessage response) =>
        Nonce().Match(Directives(response)["script-src"]).Groups[1].Value;

    // Scripts with a body: an opening tag that is not followed at once by its closing tag.
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScripts();

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
