using System.Net;
using InviteTriage.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InviteTriage.Web.Tests.Account;

/// <summary>Each test starts a fresh instance, because the first account is a property of the whole instance.</summary>
[Collection(WebHostGroup.Name)]
public sealed class RegistrationTests : IDisposable
{
    private readonly TriageWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task FirstVisit_SignInPage_SendsTheVisitorToCreateTheFirstAccount()
    {
        var client = _factory.CreateBrowserClient();

        var signIn = await client.GetAsync("/account/login");
        var register = await client.GetAsync("/account/register");

        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.Headers.Location!.ToString().Should().EndWith("account/register");
        (await register.Content.ReadAsStringAsync()).Should().Contain("Create the first account");
    }

    [Fact]
    public async Task FirstAccount_BecomesAdminIsSignedInAndRegistrationCloses()
    {
        var client = _factory.CreateBrowserClient();

        var response = await RegisterAsync(client, "admin@example.com", "a long enough password");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var inbox = await client.GetAsync("/");
        inbox.StatusCode.Should().Be(HttpStatusCode.OK, "the new admin is signed in");
        (await inbox.Content.ReadAsStringAsync()).Should().Contain("Your inbox is empty").And.Contain("Import invitations");

        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TriageUser>>();
        var admin = await users.FindByEmailAsync("admin@example.com");
        (await users.IsInRoleAsync(admin!, Roles.Admin)).Should().BeTrue();

        var stranger = _factory.CreateBrowserClient();
        var closed = await stranger.GetAsync("/account/register");
        (await closed.Content.ReadAsStringAsync()).Should().Contain("Registration is closed");
    }

    [Fact]
    public async Task SecondRegistration_WhileClosed_CreatesNoAccount()
    {
        await RegisterAsync(_factory.CreateBrowserClient(), "admin@example.com", "a long enough password");
        var stranger = _factory.CreateBrowserClient();

        var response = await stranger.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["Input.Email"] = "stranger@example.com",
            ["Input.Password"] = "a long enough password",
            ["Input.ConfirmPassword"] = "a long enough password",
        }));

        response.StatusCode.Should().NotBe(HttpStatusCode.Redirect);
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TriageUser>>();
        (await users.FindByEmailAsync("stranger@example.com")).Should().BeNull();
    }

    [Fact]
    public async Task Registration_WeakPassword_SaysWhyInTheForm()
    {
        var client = _factory.CreateBrowserClient();

        var response = await RegisterAsync(client, "weak@example.com", "short");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("at least 10 characters");
    }

    [Fact]
    public async Task Registration_DuplicateEmail_SaysSoInTheForm()
    {
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            await accounts.CreateUserAsync("admin@example.com", "a long enough password", admin: false, CancellationToken.None);
            await accounts.SetRegistrationOpenAsync(true, CancellationToken.None);
        }

        var response = await RegisterAsync(_factory.CreateBrowserClient(), "admin@example.com", "another long password");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("already exists");
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoAndDoesNotSignIn()
    {
        await RegisterAsync(_factory.CreateBrowserClient(), "admin@example.com", "a long enough password");
        var client = _factory.CreateBrowserClient();

        var response = await SsrForm.PostAsync(client, "/account/login", "sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = "admin@example.com",
            ["Input.Password"] = "not the password",
        });

        (await response.Content.ReadAsStringAsync()).Should().Contain("do not match");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SignIn_RightPassword_ReturnsToTheRequestedPage()
    {
        await RegisterAsync(_factory.CreateBrowserClient(), "admin@example.com", "a long enough password");
        var client = _factory.CreateBrowserClient();

        var response = await SsrForm.PostAsync(client, "/account/login?ReturnUrl=%2Fsettings", "sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = "admin@example.com",
            ["Input.Password"] = "a long enough password",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().EndWith("/settings");
        (await client.GetAsync("/settings")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/no-such-page")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password) =>
        SsrForm.PostAsync(client, "/account/register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
}
