using System.Net;

namespace InviteTriage.Web.Tests.Pages;

[Collection(WebHostGroup.Name)]
public sealed class SignedOutPagesTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public SignedOutPagesTests(TriageWebFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/")]
    [InlineData("/flocks")]
    [InlineData("/history")]
    [InlineData("/import")]
    [InlineData("/insights")]
    [InlineData("/settings")]
    [InlineData("/no-such-page")]
    public async Task Page_SignedOut_RedirectsToSignIn(string path)
    {
        var client = _factory.CreateBrowserClient();

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/login");
    }

    [Theory]
    [InlineData("/account/register")]
    [InlineData("/error")]
    public async Task PublicPage_SignedOut_Renders(string path)
    {
        var client = _factory.CreateBrowserClient();

        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        var client = _factory.CreateBrowserClient();

        var response = await client.GetAsync("/account/register");

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'");
    }
}
