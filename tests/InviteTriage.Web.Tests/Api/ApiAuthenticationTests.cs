using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using InviteTriage.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Web.Tests.Api;

[Collection(WebHostGroup.Name)]
public sealed class ApiAuthenticationTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public ApiAuthenticationTests(TriageWebFactory factory) => _factory = factory;

    [Fact]
    public async Task Invitations_WithoutToken_Is401WithProblemDetails()
    {
        var client = _factory.CreateBrowserClient();

        var response = await client.GetAsync("/api/invitations");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(401);
        problem.RootElement.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-token")]
    [InlineData("Bearer itk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Invitations_MalformedOrUnknownToken_Is401(string authorization)
    {
        var client = _factory.CreateBrowserClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.GetAsync("/api/invitations");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Invitations_WithToken_Is200WithAnEmptyPage()
    {
        var (_, token) = await _factory.CreateMemberWithTokenAsync("api-user@example.com");
        var client = _factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/invitations");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        page.RootElement.GetProperty("total").GetInt32().Should().Be(0);
        page.RootElement.GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Invitations_RevokedToken_Is401()
    {
        var (ownerId, token) = await _factory.CreateMemberWithTokenAsync("revoked@example.com");
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
            var id = (await tokens.ListAsync(ownerId, CancellationToken.None)).Single().Id;
            await tokens.RevokeAsync(ownerId, id, CancellationToken.None);
        }

        var client = _factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/invitations");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Invitations_UnknownStatus_Is400NamingTheField()
    {
        var (_, token) = await _factory.CreateMemberWithTokenAsync("bad-status@example.com");
        var client = _factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/invitations?status=maybe");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("status").And.Contain("not-known");
    }

    [Fact]
    public async Task SignInCookie_IsNotAnApiCredential()
    {
        var client = _factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Add("Cookie", "InviteTriage.Auth=forged");

        var response = await client.GetAsync("/api/invitations");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
