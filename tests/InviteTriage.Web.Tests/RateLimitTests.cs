using System.Net;
using System.Net.Http.Headers;

namespace InviteTriage.Web.Tests;

[Collection(WebHostGroup.Name)]
public sealed class RateLimitTests
{
    [Fact]
    public async Task SignInAttempts_OverTheLimit_Are429WithRetryAfter()
    {
        using var factory = TriageWebFactory.With(new Dictionary<string, string> { ["RateLimits:SignInPerMinute"] = "3" });
        await factory.CreateMemberWithTokenAsync("target@example.com");
        var client = factory.CreateBrowserClient();
        var wrong = new Dictionary<string, string> { ["Input.Email"] = "target@example.com", ["Input.Password"] = "not the password" };
        for (var i = 0; i < 3; i++)
        {
            (await SsrForm.PostAsync(client, "/account/login", "sign-in", wrong)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var fourth = await SsrForm.PostAsync(client, "/account/login", "sign-in", wrong);

        fourth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        fourth.Headers.RetryAfter.Should().NotBeNull();
        (await client.GetAsync("/account/login")).StatusCode.Should().Be(HttpStatusCode.OK, "showing the form does not count");
    }

    [Fact]
    public async Task ApiCalls_OverTheLimit_Are429ForThatMemberOnly()
    {
        using var factory = TriageWebFactory.With(new Dictionary<string, string> { ["RateLimits:ApiPerMinute"] = "5" });
        var busy = await ClientAsync(factory, "busy@example.com");
        var other = await ClientAsync(factory, "other@example.com");
        for (var i = 0; i < 5; i++)
        {
            (await busy.GetAsync("/api/invitations")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var sixth = await busy.GetAsync("/api/invitations");

        sixth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        sixth.Headers.RetryAfter.Should().NotBeNull();
        (await sixth.Content.ReadAsStringAsync()).Should().Contain("Too many requests");
        (await other.GetAsync("/api/invitations")).StatusCode.Should().Be(HttpStatusCode.OK, "each member has a limit of their own");
    }

    private static async Task<HttpClient> ClientAsync(TriageWebFactory factory, string email)
    {
        var (_, token) = await factory.CreateMemberWithTokenAsync(email);
        var client = factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
