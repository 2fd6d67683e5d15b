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
        var token = await SsrForm.AntiforgeryTokenAsync(stranger, "/account/login");

        var response = await stranger.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = "stranger@example.com",
            ["Input.Password"] = "a long enough password",
            ["Input.ConfirmPassword"] = "a long enough password",
        }));

        // While registration is closed the page renders no form, so even a post with a valid token has no handler to
        // reach; AccountServiceTests proves the service refuses it too.
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
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
            await scope.ServiceProvider.GetRequiredService<AccountService>()
                .CreateUserAsync("admin@example.com", "a long enough password", admin: false, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<InstanceSettingsService>().SetRegistrationOpenAsync(true, CancellationToken.None);
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
        var missing = await client.GetAsync("/no-such-page");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("There is nothing here");
        (await client.GetAsync("/account/login")).Headers.Location!.ToString().Should().NotContain("account", "a signed-in user has no business on the sign-in page");
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefusedAndTheUserStaysSignedIn()
    {
        var client = _factory.CreateBrowserClient();
        await RegisterAsync(client, "admin@example.com", "a long enough password");

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignOut_WithItsToken_SignsOut()
    {
        var client = _factory.CreateBrowserClient();
        await RegisterAsync(client, "admin@example.com", "a long enough password");
        var token = await SsrForm.AntiforgeryTokenAsync(client, "/");

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password) =>
        SsrForm.PostAsync(client, "/account/register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
}
