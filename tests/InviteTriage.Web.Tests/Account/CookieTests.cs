using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace InviteTriage.Web.Tests.Account;

/// <summary>Every cookie the app sets is out of reach of script and of cross-site posts, and Secure over https.</summary>
[Collection(WebHostGroup.Name)]
public sealed class CookieTests : IClassFixture<TriageWebFactory>
{
    private readonly TriageWebFactory _factory;

    public CookieTests(TriageWebFactory factory) => _factory = factory;

    [Theory]
    [InlineData("https")]
    [InlineData("http")]
    public async Task SigningIn_SetsCookiesThatAreHttpOnlyAndSameSite_AndSecureOverHttps(string scheme)
    {
        var email = $"cookies-{scheme}@example.com";
        await _factory.CreateMemberWithTokenAsync(email);
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"{scheme}://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
        var form = await client.GetAsync("/account/login");

        var signIn = await SsrForm.PostAsync(client, "/account/login", "sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "a long enough password",
        });

        var cookies = SetCookieHeaderValue.ParseList([.. Values(form), .. Values(signIn)]);
        cookies.Select(c => c.Name.Value).Should().Contain("InviteTriage.Auth").And.Contain(n => n!.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        cookies.Should().OnlyContain(c => c.HttpOnly, "no script may read a cookie");
        cookies.Should().OnlyContain(c => c.SameSite == SameSiteMode.Lax || c.SameSite == SameSiteMode.Strict);
        cookies.Single(c => c.Name == "InviteTriage.Auth").SameSite.Should().Be(SameSiteMode.Lax, "a link from an e-mail still arrives signed in");
        cookies.Should().OnlyContain(c => c.Secure == (scheme == "https"));
    }

    private static IEnumerable<string> Values(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HeaderNames.SetCookie, out var values) ? values : [];

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("203.0.113.7", false)]
    public async Task BehindAProxyThatServesHttps_CookiesAreSecure_OnlyIfTheProxyIsOnThisMachine(string proxy, bool secure)
    {
        using var behindProxy = _factory.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ArrivingFrom(IPAddress.Parse(proxy)))));
        var client = behindProxy.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var form = await client.GetAsync("/account/login");

        SetCookieHeaderValue.ParseList([.. Values(form)]).Should().NotBeEmpty().And.OnlyContain(c => c.Secure == secure);
    }

    /// <summary>Makes every request arrive from one address, as from a reverse proxy there.</summary>
    private sealed class ArrivingFrom(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
